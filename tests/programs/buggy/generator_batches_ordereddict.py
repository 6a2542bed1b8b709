# an OrderedDict of parameters, mini-batches from a generator function, BCE; one bug
from collections import OrderedDict

import numpy as np


def batches(X, y, size, rng):
    order = rng.permutation(len(X))
    for i in range(0, len(X), size):
        pick = order[i : i + size]
        yield X[pick], y[pick]


rng = np.random.default_rng(4)
X = rng.uniform(-1, 1, (120, 2))
y = (X[:, :1] ** 2 + X[:, 1:] ** 2 < 0.5).astype(float)
theta = OrderedDict(W1=rng.normal(0, 1, (2, 8)), b1=np.zeros(8), W2=rng.normal(0, 1, (8, 1)), b2=np.zeros(1))

for epoch in range(200):
    for xb, yb in batches(X, y, 24, rng):
        a1 = np.tanh(xb @ theta["W1"] + theta["b1"])
        a2 = 1 / (1 + np.exp(-(a1 @ theta["W2"] + theta["b2"])))
        d2 = (a2 - yb) / len(xb)
        d1 = d2 @ theta["W2"].T * (1 - a1)  # BUG(ND109): tanh's slope written as (1 - a1)
        grads = {"W1": xb.T @ d1, "b1": d1.sum(0), "W2": a1.T @ d2, "b2": d2.sum(0)}
        for k in theta:
            theta[k] -= 0.5 * grads[k]
