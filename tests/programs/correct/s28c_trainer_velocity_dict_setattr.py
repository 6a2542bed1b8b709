# A small two-layer classifier with a separate Trainer that does SGD with momentum.
# The net remembers its forward pass so backward(y) only needs the labels.
import numpy as np


class TwoLayerNet:
    names = ("W1", "b1", "W2", "b2")

    def __init__(self, n_in, n_hidden, rng):
        self.W1 = rng.normal(0, np.sqrt(2.0 / n_in), (n_in, n_hidden))
        self.b1 = np.zeros(n_hidden)
        self.W2 = rng.normal(0, np.sqrt(1.0 / n_hidden), (n_hidden, 1))
        self.b2 = np.zeros(1)

    def __call__(self, X):
        self.X = X
        self.z1 = X @ self.W1 + self.b1
        self.h = np.maximum(0, self.z1)
        self.p = 1 / (1 + np.exp(-(self.h @ self.W2 + self.b2)))
        return self.p

    def backward(self, y):
        m = len(y)
        dz2 = (self.p - y) / m
        dh = dz2 @ self.W2.T
        dz1 = dh * (self.z1 > 0)
        return {
            "W1": self.X.T @ dz1,
            "b1": dz1.sum(axis=0),
            "W2": self.h.T @ dz2,
            "b2": dz2.sum(axis=0),
        }


def bce(p, y):
    eps = 1e-12
    return -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))


class Trainer:
    def __init__(self, net, lr=0.05, mu=0.9):
        self.net = net
        self.lr = lr
        self.mu = mu
        self.velocity = {k: np.zeros_like(getattr(net, k)) for k in net.names}

    def step(self, grads):
        for k in self.net.names:
            self.velocity[k] = self.mu * self.velocity[k] - self.lr * grads[k]
            setattr(self.net, k, getattr(self.net, k) + self.velocity[k])


rng = np.random.default_rng(3)
# two interleaved half-moons, roughly
angle = rng.uniform(0, np.pi, 200)
X = np.vstack([
    np.c_[np.cos(angle[:100]), np.sin(angle[:100])],
    np.c_[1 - np.cos(angle[100:]), 0.5 - np.sin(angle[100:])],
]) + rng.normal(0, 0.1, (200, 2))
y = np.r_[np.zeros(100), np.ones(100)].reshape(-1, 1)

net = TwoLayerNet(2, 16, rng)
trainer = Trainer(net, lr=0.05, mu=0.9)
batch = 20

for epoch in range(150):
    perm = rng.permutation(len(X))
    for start in range(0, len(X), batch):
        sel = perm[start:start + batch]
        p = net(X[sel])
        grads = net.backward(y[sel])
        trainer.step(grads)
    if epoch % 30 == 0:
        print("epoch", epoch, "bce", round(bce(net(X), y), 4))

print("accuracy", np.mean((net(X) > 0.5) == y))
