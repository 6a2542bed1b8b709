"""Layer objects with `weight`/`bias` and their gradient buffers, and a momentum optimizer
whose `step()` walks three lists at once: `for p, g, v in zip(self.params, self.grads,
self.v): v *= self.beta; v += g; p -= self.lr * v`."""

import numpy as np


class Dense:
    def __init__(self, n_in, n_out, rng):
        self.weight = rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out))
        self.bias = np.zeros((1, n_out))
        self.g_weight = np.zeros_like(self.weight)
        self.g_bias = np.zeros_like(self.bias)

    def forward(self, x):
        self.x = x
        return x @ self.weight + self.bias

    def backward(self, grad):
        self.g_weight[...] = self.x.T @ grad
        self.g_bias[...] = grad.sum(axis=0, keepdims=True)
        return grad @ self.weight.T


class HeavyBall:
    def __init__(self, params, grads, lr=0.1, beta=0.9):
        self.params, self.grads, self.lr, self.beta = params, grads, lr, beta
        self.v = [np.zeros_like(p) for p in params]

    def step(self):
        for p, g, v in zip(self.params, self.grads, self.v):
            v *= self.beta
            v += g
            p -= self.lr * v


rng = np.random.default_rng(21)
pts = rng.normal(0, 1, (200, 2))
ys = (np.abs(pts[:, :1]) + np.abs(pts[:, 1:]) < 1.2).astype(float)
first, second = Dense(2, 9, rng), Dense(9, 1, rng)
layers = [first, second]
opt = HeavyBall(
    [l.weight for l in layers] + [l.bias for l in layers],
    [l.g_weight for l in layers] + [l.g_bias for l in layers],
    lr=0.05,
)
for epoch in range(800):
    h = np.tanh(first.forward(pts))
    p = 1 / (1 + np.exp(-second.forward(h)))
    d = (p - ys) / len(ys)
    dh = second.backward(d) * (1 - h**2)
    first.backward(dh)
    opt.step()
    if epoch % 200 == 0:
        print(epoch, float(np.mean((p > 0.5) == ys)))
