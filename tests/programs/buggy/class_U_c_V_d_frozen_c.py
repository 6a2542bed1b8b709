# weights U, c, V, d as in the notes; the hidden offset c is used but never moved
import numpy as np


class Net:
    def __init__(self, n_in, n_hidden, seed=1):
        rng = np.random.default_rng(seed)
        self.U = rng.normal(0, 0.6, (n_in, n_hidden))
        self.c = np.full(n_hidden, 0.1)
        self.V = rng.normal(0, 0.6, (n_hidden, 1))
        self.d = np.zeros(1)

    def forward(self, x):
        self.h = np.tanh(x @ self.U + self.c)
        return 1 / (1 + np.exp(-(self.h @ self.V + self.d)))

    def fit(self, x, t, steps=1500, lr=0.5):
        for _ in range(steps):
            p = self.forward(x)
            g = (p - t) / len(x)
            gh = g @ self.V.T * (1 - self.h**2)
            self.V -= lr * self.h.T @ g
            self.d -= lr * g.sum(axis=0)  # BUG(ND108): c is never updated beside d (no `self.c -= ...`)
            self.U -= lr * x.T @ gh
        return self


rng = np.random.default_rng(0)
x = rng.normal(size=(80, 2))
t = (np.abs(x[:, :1]) + np.abs(x[:, 1:]) > 1.2).astype(float)
Net(2, 6).fit(x, t)
