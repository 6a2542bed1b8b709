import numpy as np


class Act:
    def __call__(self, z):
        self.z = z
        return self.fn(z)

    def back(self, g):
        return g * self.prime(self.z)


class Tanh(Act):
    def fn(self, z):
        return np.tanh(z)

    def prime(self, z):
        t = np.tanh(z)
        return t * (1 - t)  # BUG(ND109): the sigmoid's form; tanh's is 1 - t**2


class Sigmoid(Act):
    def fn(self, z):
        return 1 / (1 + np.exp(-z))

    def prime(self, z):
        s = self.fn(z)
        return s * (1 - s)


class Lin:
    def __init__(self, i, o, r):
        self.W = r.normal(0, 0.5, (i, o))
        self.b = np.zeros(o)

    def __call__(self, x):
        self.x = x
        return x @ self.W + self.b

    def back(self, g):
        self.dW = self.x.T @ g
        self.db = g.sum(0)
        return g @ self.W.T


r = np.random.default_rng(3)
X = r.normal(size=(100, 2))
y = (X[:, :1] * X[:, 1:] > 0).astype(float)
layers = [Lin(2, 6, r), Tanh(), Lin(6, 1, r), Sigmoid()]
for it in range(500):
    h = X
    for L in layers:
        h = L(h)
    g = 2 * (h - y) / len(X)
    for L in reversed(layers):
        g = L.back(g)
    for L in layers:
        if isinstance(L, Lin):
            L.W -= 0.5 * L.dW
            L.b -= 0.5 * L.db
    if it % 100 == 0:
        print(it, np.mean((h - y) ** 2))
