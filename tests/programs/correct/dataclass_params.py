from dataclasses import dataclass

import numpy as np


@dataclass
class Params:
    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(p, X):
    h = np.tanh(X @ p.W1 + p.b1)
    return sigmoid(h @ p.W2 + p.b2), h


def backward(p, X, y, out, h):
    m = X.shape[0]
    d_out = (out - y) / m
    d_h = (d_out @ p.W2.T) * (1 - h ** 2)
    return {"W1": X.T @ d_h, "b1": d_h.sum(axis=0), "W2": h.T @ d_out, "b2": d_out.sum(axis=0)}


def train(X, y, hidden=5, epochs=2000, lr=1.0, seed=0):
    rng = np.random.default_rng(seed)
    p = Params(rng.normal(0, 1, (X.shape[1], hidden)), np.zeros(hidden), rng.normal(0, 1, (hidden, 1)), np.zeros(1))
    for epoch in range(epochs):
        out, h = forward(p, X)
        grads = backward(p, X, y, out, h)
        p.W1 -= lr * grads["W1"]
        p.b1 -= lr * grads["b1"]
        p.W2 -= lr * grads["W2"]
        p.b2 -= lr * grads["b2"]
    return p


if __name__ == "__main__":
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    params = train(X, y)
    print(forward(params, X)[0].round(3))
