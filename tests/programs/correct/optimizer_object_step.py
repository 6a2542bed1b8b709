# layers keep their gradients, an SGD object applies them
import numpy as np


class Dense:
    def __init__(self, fan_in, fan_out, rng):
        self.W = rng.normal(0, np.sqrt(2 / fan_in), (fan_in, fan_out))
        self.b = np.zeros(fan_out)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)

    def __call__(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, g):
        self.dW[...] = self.x.T @ g
        self.db[...] = g.sum(axis=0)
        return g @ self.W.T


class SGD:
    def __init__(self, layers, lr=0.1):
        self.layers = layers
        self.lr = lr

    def step(self):
        for layer in self.layers:
            layer.W -= self.lr * layer.dW
            layer.b -= self.lr * layer.db


rng = np.random.default_rng(0)
X = rng.normal(size=(200, 2))
y = (X[:, 0] ** 2 + X[:, 1] > 0.5).astype(float).reshape(-1, 1)
l1, l2 = Dense(2, 16, rng), Dense(16, 1, rng)
opt = SGD([l1, l2], lr=0.5)

for epoch in range(1000):
    z1 = l1(X)
    a1 = np.maximum(z1, 0)
    p = 1 / (1 + np.exp(-l2(a1)))
    loss = -np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
    g = (p - y) / len(X)
    g = l2.backward(g)
    g = g * (z1 > 0)
    l1.backward(g)
    opt.step()
    if epoch % 200 == 0:
        print(f"{epoch:4d} {loss:.4f}")
