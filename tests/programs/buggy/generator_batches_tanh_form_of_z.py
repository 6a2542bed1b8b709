"""Mini-batches from a generator, tanh hidden layer: tanh's derivative written for the
activation (1 - a**2) is fed the pre-activation z."""

import numpy as np


def batches(X, y, size):
    for start in range(0, len(X), size):
        yield X[start:start + size], y[start:start + size]


np.random.seed(7)
X = np.random.rand(40, 2)
y = ((X[:, 0] - 0.5) ** 2 + (X[:, 1] - 0.5) ** 2 < 0.1).astype(float).reshape(-1, 1)
W1, b1 = np.random.randn(2, 8) * 0.5, np.zeros((1, 8))
W2, b2 = np.random.randn(8, 1) * 0.5, np.zeros((1, 1))

for epoch in range(300):
    for xb, yb in batches(X, y, 8):
        z1 = xb @ W1 + b1
        a1 = np.tanh(z1)
        a2 = 1 / (1 + np.exp(-(a1 @ W2 + b2)))
        dz2 = a2 - yb
        dz1 = dz2 @ W2.T * (1 - z1 ** 2)  # BUG(ND102): 1 - a**2 fed z
        W2 -= 0.1 * a1.T @ dz2
        b2 -= 0.1 * dz2.sum(0, keepdims=True)
        W1 -= 0.1 * xb.T @ dz1
        b1 -= 0.1 * dz1.sum(0, keepdims=True)
