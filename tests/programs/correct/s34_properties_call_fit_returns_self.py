import numpy as np


class TinyNet:
    """Weights behind properties, the forward is __call__, training by `fit` that returns self."""

    def __init__(self, n_in, n_hidden, seed=0):
        r = np.random.default_rng(seed)
        self._p = {"w1": r.normal(0, 1, (n_in, n_hidden)), "b1": np.zeros(n_hidden),
                   "w2": r.normal(0, 1, (n_hidden, 1)), "b2": np.zeros(1)}

    @property
    def w1(self):
        return self._p["w1"]

    @property
    def w2(self):
        return self._p["w2"]

    def __call__(self, X):
        self.h = np.tanh(X @ self.w1 + self._p["b1"])
        return 1 / (1 + np.exp(-(self.h @ self.w2 + self._p["b2"])))

    def fit(self, X, y, epochs=800, lr=0.3):
        for _ in range(epochs):
            out = self(X)
            dz = (out - y) / len(X)
            dh = dz @ self.w2.T * (1 - self.h**2)
            for k, g in (("w2", self.h.T @ dz), ("b2", dz.sum(0)), ("w1", X.T @ dh), ("b1", dh.sum(0))):
                self._p[k] -= lr * g
        return self


X = np.random.default_rng(5).uniform(-1, 1, (200, 2))
y = (X[:, :1] > X[:, 1:] ** 3).astype(float)
model = TinyNet(2, 6).fit(X, y)
print(np.mean((model(X) > 0.5) == y))
