"""A small class-based XOR network; bug: the hidden bias gradient is never summed over samples."""
import numpy as np


class TinyNet:
    def __init__(self, n_in, n_hidden, lr=0.5, seed=11):
        rng = np.random.RandomState(seed)
        self.W1 = rng.randn(n_in, n_hidden) * 0.8
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.randn(n_hidden, 1) * 0.8
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    @staticmethod
    def _sig(z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.h = self._sig(X @ self.W1 + self.b1)
        self.out = self._sig(self.h @ self.W2 + self.b2)
        return self.out

    def train(self, X, y, epochs=2000):
        m = X.shape[0]
        for epoch in range(epochs):
            out = self.forward(X)
            loss = -np.mean(y * np.log(out + 1e-12) + (1 - y) * np.log(1 - out + 1e-12))
            d_out = (out - y) / m
            grad_W2 = self.h.T @ d_out
            grad_b2 = d_out.sum(axis=0, keepdims=True)
            d_hidden = (d_out @ self.W2.T) * self.h * (1 - self.h)
            grad_W1 = X.T @ d_hidden
            grad_b1 = d_hidden  # BUG(ND108): per-sample rows, should be d_hidden.sum(axis=0, keepdims=True)
            self.W2 = self.W2 - self.lr * grad_W2
            self.b2 = self.b2 - self.lr * grad_b2
            self.W1 = self.W1 - self.lr * grad_W1
            self.b1 = self.b1 - self.lr * grad_b1
            if epoch % 500 == 0:
                print(f"epoch {epoch:4d}  loss {loss:.4f}")
        return self


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)

net = TinyNet(2, 4).train(X, y)
print("predictions:", net.forward(X).ravel().round(3))
print("b1 shape after training:", net.b1.shape)
