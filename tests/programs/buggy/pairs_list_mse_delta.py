# a list of (weights, bias) pairs rebuilt by a comprehension every step: loss is BCE
import numpy as np

rng = np.random.default_rng(3)
X = rng.normal(size=(40, 3))
y = (X[:, 0] * X[:, 1] + X[:, 2] > 0).astype(float).reshape(-1, 1)

sizes = [3, 6, 1]
layers = [(rng.normal(scale=0.4, size=(a, b)), np.zeros(b)) for a, b in zip(sizes[:-1], sizes[1:])]


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def dsig(s):
    return s * (1 - s)


def backward(layers, X, y):
    (Wa, ba), (Wb, bb) = layers
    a1 = sig(X @ Wa + ba)
    a2 = sig(a1 @ Wb + bb)
    d2 = (a2 - y) * dsig(a2)  # BUG(ND104): the squared-error delta with a BCE loss
    d1 = (d2 @ Wb.T) * dsig(a1)
    return [(X.T @ d1, d1.sum(0)), (a1.T @ d2, d2.sum(0))]


history = []
for it in range(2000):
    grads = backward(layers, X, y)
    layers = [(W - 0.1 * gW, b - 0.1 * gb) for (W, b), (gW, gb) in zip(layers, grads)]
    (Wa, ba), (Wb, bb) = layers
    out = sig(sig(X @ Wa + ba) @ Wb + bb)
    cost = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))
    history.append(cost)
    if it % 400 == 0:
        print(it, cost)
