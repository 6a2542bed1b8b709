"""One flat parameter vector, unrolled by a method that slices it with the integer sizes
the object keeps (`self.sizes`), and a generic minimiser handed `lambda v: net.loss_grad(v,
X, y)`: the lambda only hands the vector on."""

import numpy as np


class FlatNet:
    def __init__(self, n_in, n_hid):
        self.shapes = [(n_in, n_hid), (1, n_hid), (n_hid, 1), (1, 1)]
        self.sizes = [r * c for r, c in self.shapes]

    def unpack(self, vector):
        parts, at = [], 0
        for shape, size in zip(self.shapes, self.sizes):
            parts.append(vector[at : at + size].reshape(shape))
            at += size
        return parts

    def loss_grad(self, vector, X, y):
        W1, b1, W2, b2 = self.unpack(vector)
        H = np.tanh(X @ W1 + b1)
        P = 1 / (1 + np.exp(-(H @ W2 + b2)))
        loss = -np.mean(y * np.log(P) + (1 - y) * np.log(1 - P))
        dP = (P - y) / len(X)
        dH = (dP @ W2.T) * H * (1 - H)  # BUG(ND109): the sigmoid's slope on a tanh layer
        grads = [X.T @ dH, dH.sum(0, keepdims=True), H.T @ dP, dP.sum(0, keepdims=True)]
        return loss, np.concatenate([g.ravel() for g in grads])


def descend(fun, start, steps=1500, rate=1.0):
    v = start.copy()
    for _ in range(steps):
        value, slope = fun(v)
        v = v - rate * slope
    return v, value


rng = np.random.default_rng(9)
X = rng.normal(size=(180, 2))
y = (X[:, :1] * X[:, 1:] > 0).astype(float)
net = FlatNet(2, 8)
start = rng.normal(0, 0.8, sum(net.sizes))
best, final_loss = descend(lambda v: net.loss_grad(v, X, y), start)
print("final loss", round(float(final_loss), 4))
