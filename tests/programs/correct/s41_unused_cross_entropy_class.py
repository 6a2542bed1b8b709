"""Layers and losses as classes; this run trains with the squared error, the
cross-entropy class is there for later."""
import numpy as np


class SquaredError:
    def __call__(self, p, t):
        return np.mean(np.square(p - t))

    def grad(self, p, t):
        return 2 * (p - t) / t.size


class CrossEntropy:
    def __call__(self, p, t):
        return float(-np.mean(t * np.log(p) + (1 - t) * np.log(1 - p)))

    def grad(self, p, t):
        return (p - t) / (p * (1 - p)) / t.size


class Net:
    def __init__(self, rng):
        self.W1 = rng.normal(0, 1, (2, 6))
        self.b1 = np.zeros(6)
        self.W2 = rng.normal(0, 1, (6, 1))
        self.b2 = np.zeros(1)

    def forward(self, x):
        self.x = x
        self.h = np.tanh(x @ self.W1 + self.b1)
        self.p = 1 / (1 + np.exp(-(self.h @ self.W2 + self.b2)))
        return self.p

    def backward(self, dp, lr):
        dz = dp * self.p * (1 - self.p)
        dh = (dz @ self.W2.T) * (1 - self.h ** 2)
        self.W2 -= lr * self.h.T @ dz
        self.b2 -= lr * dz.sum(axis=0)
        self.W1 -= lr * self.x.T @ dh
        self.b1 -= lr * dh.sum(axis=0)


def main():
    rng = np.random.default_rng(5)
    X = rng.uniform(-1, 1, (80, 2))
    T = (np.hypot(X[:, :1], X[:, 1:]) < 0.6).astype(float)
    net, loss = Net(rng), SquaredError()
    for epoch in range(300):
        total = 0.0
        for x, t in zip(X, T):
            p = net.forward(x[None, :])
            total += loss(p, t[None, :])
            net.backward(loss.grad(p, t[None, :]), 0.5)
        if epoch % 60 == 0:
            print(epoch, total / len(X))


if __name__ == "__main__":
    main()
