"""Regression of a saddle with a ReLU layer and a linear output; one method computes the
gradients (no separate forward function), another applies them; samples in columns."""
import numpy as np


class Fitter:
    def __init__(self, hidden=16, rate=0.05, seed=9):
        g = np.random.default_rng(seed)
        self.U = g.normal(0, 0.7, (hidden, 2))
        self.c = np.zeros((hidden, 1))
        self.V = g.normal(0, 0.3, (1, hidden))
        self.d = np.zeros((1, 1))
        self.rate = rate

    def grads(self, X, T):
        n = X.shape[1]
        Z = self.U @ X + self.c
        A = np.maximum(Z, 0)
        out = self.V @ A + self.d
        r = (out - T) / n
        gA = self.V.T @ r
        gZ = gA * (Z > 0)
        return {"U": gZ @ X.T, "c": gZ.sum(axis=1, keepdims=True),
                "V": r @ A.T, "d": r.sum(axis=1, keepdims=True)}, float(np.mean(r * r) * n * n)

    def apply(self, g):
        for name, value in g.items():
            setattr(self, name, getattr(self, name) - self.rate * value)


if __name__ == "__main__":
    gen = np.random.default_rng(1)
    X = gen.uniform(-1, 1, (2, 300))
    T = (X[0] ** 2 - X[1] ** 2).reshape(1, -1) * 1.5
    f = Fitter()
    for it in range(2000):
        g, mse = f.grads(X, T)
        f.apply(g)
        if it % 400 == 0:
            print(it, round(mse, 5))
