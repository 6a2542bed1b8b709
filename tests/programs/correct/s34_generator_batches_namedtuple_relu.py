"""Mini-batches from a generator function, a namedtuple of weights, relu hidden layer."""
from collections import namedtuple

import numpy as np

Net = namedtuple("Net", "w1 b1 w2 b2")


def batches(x, y, size, rng):
    order = rng.permutation(len(x))
    for start in range(0, len(x), size):
        pick = order[start : start + size]
        yield x[pick], y[pick]


def grads(net, xb, yb):
    pre = xb @ net.w1 + net.b1
    hid = np.maximum(pre, 0)
    out = 1 / (1 + np.exp(-(hid @ net.w2 + net.b2)))
    d_out = (out - yb) / len(xb)
    d_hid = (d_out @ net.w2.T) * (pre > 0)
    return Net(xb.T @ d_hid, d_hid.sum(0), hid.T @ d_out, d_out.sum(0))


rng = np.random.default_rng(1)
x = rng.normal(size=(256, 2))
y = ((x ** 2).sum(1) < 1.2).astype(float)[:, None]
net = Net(rng.normal(0, 0.7, (2, 16)), np.full(16, 0.1), rng.normal(0, 0.7, (16, 1)), np.zeros(1))
for epoch in range(60):
    for xb, yb in batches(x, y, 32, rng):
        g = grads(net, xb, yb)
        net = Net(*(p - 0.5 * d for p, d in zip(net, g)))
print("done", float(np.mean(((1 / (1 + np.exp(-(np.maximum(x @ net.w1 + net.b1, 0) @ net.w2 + net.b2)))) > 0.5) == y)))
