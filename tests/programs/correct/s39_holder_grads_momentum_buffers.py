"""Gradients kept on holder objects (`self.W2.grad = ...`), a momentum optimizer whose
buffers take them (`buf[:] = mu * buf + p.grad`), two tanh layers of six units."""
import numpy as np


class P:
    def __init__(self, value):
        self.value = value
        self.grad = None


class MLP:
    def __init__(self, rng):
        self.W1, self.b1 = P(rng.normal(0, 0.6, (2, 6))), P(np.zeros((1, 6)))
        self.W2, self.b2 = P(rng.normal(0, 0.4, (6, 6))), P(np.zeros((1, 6)))
        self.W3, self.b3 = P(rng.normal(0, 0.4, (6, 1))), P(np.zeros((1, 1)))

    def parameters(self):
        return [self.W1, self.b1, self.W2, self.b2, self.W3, self.b3]

    def forward(self, x):
        self.x = x
        self.h1 = np.tanh(x @ self.W1.value + self.b1.value)
        self.h2 = np.tanh(self.h1 @ self.W2.value + self.b2.value)
        return 1 / (1 + np.exp(-(self.h2 @ self.W3.value + self.b3.value)))

    def backward(self, d3):
        self.W3.grad = self.h2.T @ d3
        self.b3.grad = d3.sum(axis=0, keepdims=True)
        d2 = (d3 @ self.W3.value.T) * (1 - self.h2 ** 2)
        self.W2.grad = self.h1.T @ d2
        self.b2.grad = d2.sum(axis=0, keepdims=True)
        d1 = (d2 @ self.W2.value.T) * (1 - self.h1 ** 2)
        self.W1.grad = self.x.T @ d1
        self.b1.grad = d1.sum(axis=0, keepdims=True)


class Momentum:
    def __init__(self, params, lr, mu):
        self.params, self.lr, self.mu = params, lr, mu
        self.bufs = [np.zeros_like(p.value) for p in params]

    def step(self):
        for p, buf in zip(self.params, self.bufs):
            buf[:] = self.mu * buf + p.grad
            p.value -= self.lr * buf


rng = np.random.default_rng(13)
pts = rng.normal(size=(200, 2))
lab = (np.sin(2 * pts[:, 0]) > pts[:, 1]).astype(float).reshape(-1, 1)
net = MLP(rng)
opt = Momentum(net.parameters(), lr=0.05, mu=0.9)
for epoch in range(600):
    prob = net.forward(pts)
    net.backward((prob - lab) / len(pts))
    opt.step()
    if epoch % 150 == 0:
        print(epoch, float(np.mean((prob > 0.5) == lab)))
