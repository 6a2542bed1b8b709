"""Each layer owns a copy of a momentum optimizer whose velocities are made on first use
(`if self.velocity is None`), and hands it its own arrays: `self.opt.update([self.W,
self.b], [gW, gb])`, which moves them in place."""
import copy

import numpy as np


class Momentum:
    def __init__(self, lr=0.5, beta=0.9):
        self.lr, self.beta = lr, beta
        self.velocity = None

    def update(self, arrays, grads):
        if self.velocity is None:
            self.velocity = [np.zeros_like(a) for a in arrays]
        for i, (a, g) in enumerate(zip(arrays, grads)):
            self.velocity[i] = self.beta * self.velocity[i] - self.lr * g
            a += self.velocity[i]


class Dense:
    def __init__(self, n_in, n_out, opt, rng):
        self.W = rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))
        self.opt = copy.deepcopy(opt)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, g):
        back = g @ self.W.T
        self.opt.update([self.W, self.b], [self.x.T @ g, g.sum(axis=0, keepdims=True)])
        return back


class Tanh:
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, g):
        return g * (1 - self.y**2)


rng = np.random.default_rng(8)
X = rng.uniform(-1, 1, (120, 2))
y = (X[:, :1] * X[:, 1:] > 0).astype(float)
layers = [Dense(2, 8, Momentum(), rng), Tanh(), Dense(8, 1, Momentum(), rng)]
for epoch in range(600):
    out = X
    for layer in layers:
        out = layer.forward(out)
    p = 1 / (1 + np.exp(-out))
    g = (p - y) / len(X)
    for layer in reversed(layers):
        g = layer.backward(g)
    if epoch % 200 == 0:
        print(epoch, float(np.mean((p > 0.5) == y)))
