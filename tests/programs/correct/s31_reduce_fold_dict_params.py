"""Functional style: the training is a fold over the epochs."""
from functools import reduce

import numpy as np

rng = np.random.default_rng(7)
X = rng.uniform(-1, 1, size=(200, 2))
y = (X[:, 0] * X[:, 1] > 0).astype(float)[:, None]


def init(n_in, n_hidden):
    return {
        "W1": rng.normal(0, 1, (n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0, 1, (n_hidden, 1)),
        "b2": np.zeros(1),
    }


def forward(p, X):
    h = np.tanh(X @ p["W1"] + p["b1"])
    return h, 1 / (1 + np.exp(-(h @ p["W2"] + p["b2"])))


def grads(p, X, y):
    h, out = forward(p, X)
    d2 = (out - y) / len(X)
    d1 = (d2 @ p["W2"].T) * (1 - h**2)
    return {"W1": X.T @ d1, "b1": d1.sum(0), "W2": h.T @ d2, "b2": d2.sum(0)}


def step(p, _epoch, lr=1.0):
    g = grads(p, X, y)
    return {k: p[k] - lr * g[k] for k in p}


params = reduce(step, range(3000), init(2, 8))
_, out = forward(params, X)
print("accuracy", ((out > 0.5) == y).mean())
