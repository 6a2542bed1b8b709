# Mitchell-style: x_0 = 1 carries every unit's bias weight; element-by-element loops
import math
import random
import numpy as np

examples = [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]
N_IN, N_H, ETA = 2, 4, 0.5
random.seed(3)
w_ih = np.array([[random.uniform(-1, 1) for _ in range(N_H)] for _ in range(N_IN + 1)])
w_ho = np.array([random.uniform(-1, 1) for _ in range(N_H + 1)])


def propagate(sample):
    xs = [1.0] + list(sample)
    o_h = np.ones(N_H + 1)
    for h in range(N_H):
        net = sum(w_ih[i][h] * xs[i] for i in range(N_IN + 1))
        o_h[h + 1] = 1.0 / (1.0 + math.exp(-net))
    o_k = 1.0 / (1.0 + math.exp(-sum(w_ho[h] * o_h[h] for h in range(N_H + 1))))
    return xs, o_h, o_k


for epoch in range(3000):
    random.shuffle(examples)
    E = 0.0
    for sample, t in examples:
        xs, o_h, o_k = propagate(sample)
        E += 0.5 * (t - o_k) ** 2
        delta_k = o_k * (1 - o_k) * (t - o_k)
        delta_h = [o_h[h] * (1 - o_h[h]) * w_ho[h] * delta_k for h in range(N_H + 1)]
        for h in range(N_H + 1):
            w_ho[h] += ETA * delta_k * o_h[h]
        for i in range(N_IN + 1):
            for h in range(N_H):
                w_ih[i][h] += ETA * delta_h[h + 1] * xs[i]
    if epoch % 500 == 0:
        print(epoch, E)
