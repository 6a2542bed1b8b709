"""Ported from a C textbook: module-level arrays, per-sample updates in a `while` loop
whose counter moves at the end of the body (`k = k + 1`), targets read as `t[k]`."""
import math

import numpy as np

n_in, n_hid = 2, 4
rate = 0.5
np.random.seed(11)
wi = np.random.uniform(-1, 1, (n_in, n_hid))
bi = np.zeros(n_hid)
wo = np.random.uniform(-1, 1, n_hid)
bo = 0.0

xs = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
t = np.array([0.0, 1.0, 1.0, 0.0])


def logistic(v):
    return 1.0 / (1.0 + np.exp(-v))


sweep = 0
while sweep < 3000:
    total = 0.0
    k = 0
    while k < len(xs):
        h = logistic(xs[k] @ wi + bi)
        o = logistic(h @ wo + bo)
        total = total - (t[k] * math.log(o) + (1 - t[k]) * math.log(1 - o))
        delta_o = o - t[k]
        delta_h = delta_o * wo * h * (1 - h)
        wo = wo - rate * delta_o * h
        bo = bo - rate * delta_o
        wi = wi - rate * np.outer(xs[k], delta_h)
        bi = bi - rate * delta_h
        k = k + 1
    if sweep % 1000 == 0:
        print("sweep", sweep, "error", round(total, 4))
    sweep = sweep + 1

print([round(float(logistic(logistic(x @ wi + bi) @ wo + bo)), 2) for x in xs])
