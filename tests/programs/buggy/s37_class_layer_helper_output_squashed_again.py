import numpy as np


class RingNet:
    """Two layers through one `_layer` helper; the forward keeps a dict for the backward."""

    def __init__(self, hidden=8, lr=0.5, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0, 0.7, (2, hidden))
        self.b1 = np.zeros(hidden)
        self.W2 = rng.normal(0, 0.7, (hidden, 1))
        self.b2 = np.zeros(1)
        self.lr = lr

    @staticmethod
    def _sigmoid(z):
        return 1 / (1 + np.exp(-z))

    @staticmethod
    def _tanh(z):
        return np.tanh(z)

    @staticmethod
    def _layer(x, W, b, fn):
        return fn(x @ W + b)

    def _forward(self, X):
        h = self._layer(X, self.W1, self.b1, self._tanh)
        z_out = self._layer(h, self.W2, self.b2, self._sigmoid)
        p = self._sigmoid(z_out)  # BUG(ND202): _layer already applied the sigmoid
        return {"X": X, "h": h, "p": p}

    def fit(self, X, y, epochs=500):
        for _ in range(epochs):
            c = self._forward(X)
            d = (c["p"] - y) / len(X)
            dh = (d @ self.W2.T) * (1 - c["h"] ** 2)
            self.W2 -= self.lr * c["h"].T @ d
            self.b2 -= self.lr * d.sum(axis=0)
            self.W1 -= self.lr * c["X"].T @ dh
            self.b1 -= self.lr * dh.sum(axis=0)
        return self


if __name__ == "__main__":
    rng = np.random.default_rng(1)
    X = rng.normal(size=(150, 2))
    y = (np.hypot(X[:, 0], X[:, 1]) < 1.0).astype(float).reshape(-1, 1)
    model = RingNet().fit(X, y)
    print("accuracy", np.mean((model._forward(X)["p"] > 0.5) == y))
