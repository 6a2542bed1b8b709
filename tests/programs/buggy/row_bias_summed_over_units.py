"""Row layout, a gradient function returning a dict, updates that rebind: db1 is summed
over the hidden units (axis=1) instead of over the samples, and `b1 = b1 - ...` silently
broadcasts the bias to (m, h)."""

import numpy as np

np.random.seed(1)
features = np.array([[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5]], dtype=float)
labels = np.array([[0], [1], [1], [0], [1]], dtype=float)
W1 = np.random.randn(2, 3)
b1 = np.zeros((1, 3))
W2 = np.random.randn(3, 1)
b2 = np.zeros((1, 1))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def backprop(X, y, W1, b1, W2, b2):
    a1 = sigmoid(X @ W1 + b1)
    a2 = sigmoid(a1 @ W2 + b2)
    dz2 = a2 - y
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    db1 = np.sum(dz1, axis=1, keepdims=True)  # BUG(ND108): summed over the units, not the samples
    return {"dW1": X.T @ dz1, "db1": db1, "dW2": a1.T @ dz2, "db2": dz2.sum(axis=0, keepdims=True)}


for step in range(1000):
    g = backprop(features, labels, W1, b1, W2, b2)
    W1 -= 0.5 * g["dW1"]
    b1 = b1 - 0.5 * g["db1"]
    W2 -= 0.5 * g["dW2"]
    b2 -= 0.5 * g["db2"]
    if step % 250 == 0:
        print(step, float(np.mean((sigmoid(sigmoid(features @ W1 + b1) @ W2 + b2) - labels) ** 2)))
