"""Layer objects that update themselves during backward (no optimizer object)."""
import numpy as np


class Linear:
    def __init__(self, n_in, n_out, rng):
        self.W = rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, g, lr):
        self.W -= lr * self.x.T @ g
        self.b -= lr * g.sum(axis=0, keepdims=True)
        return g @ self.W.T  # BUG(ND111): the weights were just updated


class Tanh:
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, g, lr):
        return g * (1 - self.y ** 2)


class Sigmoid:
    def forward(self, x):
        self.y = 1 / (1 + np.exp(-x))
        return self.y

    def backward(self, g, lr):
        return g * self.y * (1 - self.y)


rng = np.random.default_rng(4)
X = rng.normal(size=(120, 5))
T = (X[:, :2].sum(axis=1) * X[:, 2] > 0).astype(float).reshape(-1, 1)
stack = [Linear(5, 7, rng), Tanh(), Linear(7, 1, rng), Sigmoid()]
for epoch in range(500):
    out = X
    for layer in stack:
        out = layer.forward(out)
    loss = np.mean((out - T) ** 2)
    g = 2 * (out - T) / len(X)
    for layer in reversed(stack):
        g = layer.backward(g, 0.5)
    if epoch % 100 == 0:
        print(epoch, loss)
