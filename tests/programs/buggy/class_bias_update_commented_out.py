"""A class whose hidden bias update was commented out while debugging and never put
back: ND108 belongs on the commented line, where the reader will look."""
import numpy as np


class TwoLayer:
    def __init__(self, n_in, n_hidden, lr=0.3, seed=2):
        g = np.random.default_rng(seed)
        self.W_hidden = g.normal(0, 0.8, (n_in, n_hidden))
        self.b_hidden = np.full(n_hidden, 0.1)
        self.W_out = g.normal(0, 0.8, (n_hidden, 1))
        self.b_out = np.zeros(1)
        self.lr = lr

    def fit(self, X, y, epochs=2000):
        for epoch in range(epochs):
            h = np.tanh(X @ self.W_hidden + self.b_hidden)
            p = 1 / (1 + np.exp(-(h @ self.W_out + self.b_out)))
            grad_out = (p - y) / len(X)
            grad_h = grad_out @ self.W_out.T * (1 - h**2)
            self.W_out -= self.lr * h.T @ grad_out
            self.b_out -= self.lr * grad_out.sum(axis=0)
            self.W_hidden -= self.lr * X.T @ grad_h
            # self.b_hidden -= self.lr * grad_h.sum(axis=0)  # BUG(ND108): commented out while debugging
            if epoch % 500 == 0:
                print(epoch, float(np.mean((p > 0.5) == y)))


rng = np.random.default_rng(0)
X = rng.normal(size=(150, 2))
y = (X[:, :1] ** 2 + X[:, 1:] ** 2 < 1.0).astype(float)
TwoLayer(2, 6).fit(X, y)
