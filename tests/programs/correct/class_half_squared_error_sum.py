"""A class that prints a summed squared error but whose error signal is (out - t): every
gradient is half the true one, a learning rate halved, not a bug."""

import numpy as np


class TinyNet:
    def __init__(self, n_in, n_hidden, rate=0.3):
        rng = np.random.default_rng(7)
        self.w_in = rng.normal(0, 1, (n_in, n_hidden))
        self.b_in = np.zeros(n_hidden)
        self.w_out = rng.normal(0, 1, (n_hidden, 1))
        self.b_out = np.zeros(1)
        self.rate = rate

    def squash(self, v):
        return 1.0 / (1.0 + np.exp(-v))

    def predict(self, points):
        self.h = self.squash(points @ self.w_in + self.b_in)
        self.out = self.squash(self.h @ self.w_out + self.b_out)
        return self.out

    def loss(self, points, targets):
        return np.sum((self.predict(points) - targets) ** 2)

    def learn(self, points, targets):
        out = self.predict(points)
        signal = (out - targets) * out * (1 - out)
        hidden_signal = (signal @ self.w_out.T) * self.h * (1 - self.h)
        self.w_out -= self.rate * self.h.T @ signal
        self.b_out -= self.rate * signal.sum(axis=0)
        self.w_in -= self.rate * points.T @ hidden_signal
        self.b_in -= self.rate * hidden_signal.sum(axis=0)


if __name__ == "__main__":
    pts = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    tags = np.array([[0.0], [1.0], [1.0], [0.0]])
    net = TinyNet(2, 4)
    for epoch in range(4000):
        net.learn(pts, tags)
        if epoch % 1000 == 0:
            print("epoch", epoch, "loss", net.loss(pts, tags))
