# No NumPy in the network: weights are lists (of lists), units are summed one at a time.
import math
import random

import numpy as np


def squash(v):
    return 1.0 / (1.0 + math.exp(-v))


def run(net, sample):
    V, c, w, d = net
    acts = []
    for j in range(len(c)):
        total = c[j]
        for i in range(len(sample)):
            total += V[i][j] * sample[i]
        acts.append(math.tanh(total))
    out = d
    for j in range(len(acts)):
        out += w[j] * acts[j]
    return acts, squash(out)


def fit(samples, answers, units=5, rounds=3000, step=0.3):
    random.seed(11)
    V = [[random.uniform(-1, 1) for _ in range(units)] for _ in range(len(samples[0]))]
    c = [0.0 for _ in range(units)]
    w = [random.uniform(-1, 1) for _ in range(units)]
    d = 0.0
    for r in range(rounds):
        for sample, answer in zip(samples, answers):
            acts, out = run((V, c, w, d), sample)
            g = out - answer
            g_hidden = [g * w[j] * (1 - acts[j] ** 2) for j in range(units)]
            for j in range(units):
                w[j] -= step * g * acts[j]
            d -= step * g
            for i in range(len(sample)):
                for j in range(units):
                    V[i][j] -= step * g_hidden[j] * sample[i]
            for j in range(units):
                c[j] -= step * g_hidden[j]
    return V, c, w, d


pts = np.array([[0.1, 0.2], [0.9, 0.8], [0.2, 0.9], [0.8, 0.1], [0.5, 0.5], [0.3, 0.7]])
lab = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 1.0])
net = fit(pts, lab)
print([round(run(net, p)[1], 2) for p in pts])
