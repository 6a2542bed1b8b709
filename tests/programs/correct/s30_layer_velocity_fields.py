# layers as dataclasses carrying their own velocities (vW, vb) beside W and b; float32
from dataclasses import dataclass

import numpy as np


@dataclass
class Layer:
    W: np.ndarray
    b: np.ndarray
    vW: np.ndarray
    vb: np.ndarray


def new_layer(n_in, n_out, gen):
    W = (gen.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)).astype(np.float32)
    b = np.zeros((1, n_out), dtype=np.float32)
    return Layer(W, b, np.zeros_like(W), np.zeros_like(b))


class Net:
    def __init__(self, sizes, seed=0):
        gen = np.random.default_rng(seed)
        self.layers = [new_layer(a, c, gen) for a, c in zip(sizes[:-1], sizes[1:])]

    def run(self, X):
        zs, outs = [], [X]
        for i, layer in enumerate(self.layers):
            z = outs[-1] @ layer.W + layer.b
            zs.append(z)
            last = i == len(self.layers) - 1
            outs.append(1 / (1 + np.exp(-z)) if last else np.maximum(z, 0))
        return zs, outs

    def learn(self, X, y, lr, mu):
        zs, outs = self.run(X)
        delta = (outs[-1] - y) / len(X)
        grads = []
        for i in range(len(self.layers) - 1, -1, -1):
            grads.insert(0, (outs[i].T @ delta, delta.sum(axis=0, keepdims=True)))
            if i:
                delta = (delta @ self.layers[i].W.T) * (zs[i - 1] > 0)
        for layer, (gW, gb) in zip(self.layers, grads):
            layer.vW = mu * layer.vW - lr * gW
            layer.vb = mu * layer.vb - lr * gb
            layer.W += layer.vW
            layer.b += layer.vb


gen = np.random.default_rng(11)
X = gen.uniform(-1, 1, (256, 2)).astype(np.float32)
y = (np.hypot(X[:, :1], X[:, 1:]) < 0.6).astype(np.float32)
net = Net([2, 12, 12, 1], seed=3)
for ep in range(200):
    idx = gen.permutation(len(X))
    for s in range(0, len(X), 32):
        net.learn(X[idx[s : s + 32]], y[idx[s : s + 32]], lr=0.1, mu=0.9)
print("acc", np.mean((net.run(X)[1][-1] > 0.5) == y))
