# Two interleaved spirals made with an angle array `t` at top level, next to the labels
# `y`; the gradient function reads X and y as globals, the loop rebinds a tuple of weights.
import numpy as np

rng = np.random.default_rng(11)
n = 120
t = np.linspace(0.3, 2.6, n)  # one angle per point
arm = np.arange(n) % 2
X = np.c_[t * np.cos(2 * t + np.pi * arm), t * np.sin(2 * t + np.pi * arm)]
X += rng.normal(0.0, 0.05, (n, 2))
y = arm.astype(float).reshape(-1, 1)


def net(weights):
    W1, c1, W2, c2 = weights
    h = np.tanh(X @ W1 + c1)
    return h, 1 / (1 + np.exp(-(h @ W2 + c2)))


def grads(weights):
    W1, c1, W2, c2 = weights
    h, p = net(weights)
    d2 = (p - y) / len(X)
    d1 = (d2 @ W2.T) * (1 - h**2)
    return X.T @ d1, d1.sum(axis=0), h.T @ d2, d2.sum(axis=0)


def report(weights, epoch):
    p = net(weights)[1]
    print(epoch, float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))))


def sgd(weights, lr=0.8):
    return tuple(w - lr * g for w, g in zip(weights, grads(weights)))


weights = (rng.normal(0, 1, (2, 16)), np.zeros(16), rng.normal(0, 0.5, (16, 1)), np.zeros(1))
for epoch in range(4000):
    weights = sgd(weights)
    if epoch % 1000 == 0:
        report(weights, epoch)
print("accuracy", float(np.mean((net(weights)[1] > 0.5) == y.ravel()[:, None])))
