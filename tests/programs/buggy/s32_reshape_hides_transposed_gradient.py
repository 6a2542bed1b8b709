"""Samples as columns; the first layer's gradient came out transposed, and a reshape to the
weight's shape made the update run (a shape assert passes too)."""

import numpy as np

np.random.seed(17)
m = 160
X = np.random.randn(4, m)
Y = (X[0:1] * X[1:2] + 0.5 * X[2:3] > 0).astype(float)

W1 = np.random.randn(7, 4) * 0.5
b1 = np.zeros((7, 1))
W2 = np.random.randn(1, 7) * 0.5
b2 = np.zeros((1, 1))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for it in range(2500):
    A1 = np.tanh(W1 @ X + b1)
    A2 = sigmoid(W2 @ A1 + b2)
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1**2)
    dW1 = (X @ dZ1.T / m).reshape(W1.shape)  # BUG(ND107): the transpose, reshaped to fit
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    assert dW1.shape == W1.shape
    W1 -= 0.8 * dW1
    b1 -= 0.8 * db1
    W2 -= 0.8 * dW2
    b2 -= 0.8 * db2
    if it % 500 == 0:
        cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
        print(it, round(float(cost), 4))
