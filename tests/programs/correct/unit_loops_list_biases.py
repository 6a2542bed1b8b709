# formulas from the lecture, one unit at a time; biases kept in plain lists
import math

import numpy as np

np.random.seed(3)
data = np.array([[0.1, 0.9], [0.8, 0.2], [0.9, 0.8], [0.2, 0.1], [0.5, 0.6], [0.7, 0.3]])
want = np.array([1.0, 1.0, 0.0, 0.0, 0.0, 1.0])

n_in, n_hid = 2, 3
V = np.random.uniform(-1, 1, (n_in, n_hid))
c = [0.0] * n_hid
w = np.random.uniform(-1, 1, n_hid)
d = [0.0]
rate = 0.8


def s(v):
    return 1.0 / (1.0 + math.exp(-v))


for sweep in range(4000):
    err_sum = 0.0
    for k in range(len(data)):
        h = [s(sum(V[i, j] * data[k][i] for i in range(n_in)) + c[j]) for j in range(n_hid)]
        o = s(sum(w[j] * h[j] for j in range(n_hid)) + d[0])
        err_sum += -(want[k] * math.log(o) + (1 - want[k]) * math.log(1 - o))
        g = o - want[k]
        gh = [g * w[j] * h[j] * (1 - h[j]) for j in range(n_hid)]
        for j in range(n_hid):
            w[j] -= rate * g * h[j]
            c[j] -= rate * gh[j]
            for i in range(n_in):
                V[i, j] -= rate * gh[j] * data[k][i]
        d[0] -= rate * g
    if sweep % 1000 == 0:
        print(sweep, round(err_sum, 4))
