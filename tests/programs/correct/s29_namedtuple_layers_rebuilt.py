"""Layers as namedtuples in a list, a new list every step (nothing changed in place)."""
from collections import namedtuple

import numpy as np

Dense = namedtuple("Dense", ["kernel", "offset", "kind"])
SQUASH = {
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0) * 1.0),
    "sigm": (lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),
}


def build(rng, widths, kinds):
    return [
        Dense(rng.normal(0, np.sqrt(2 / a), (a, b)), np.zeros((1, b)), k)
        for a, b, k in zip(widths[:-1], widths[1:], kinds)
    ]


def propagate(model, x):
    pre, post = [], [x]
    for layer in model:
        pre.append(post[-1] @ layer.kernel + layer.offset)
        post.append(SQUASH[layer.kind][0](pre[-1]))
    return pre, post


def grads_of(model, x, y):
    pre, post = propagate(model, x)
    delta = (post[-1] - y) / len(x)  # sigmoid + cross-entropy
    out = []
    for i in reversed(range(len(model))):
        out.insert(0, (post[i].T @ delta, delta.sum(0, keepdims=True)))
        if i:
            delta = delta @ model[i].kernel.T * SQUASH[model[i - 1].kind][1](pre[i - 1])
    return out


def descend(model, grads, lr):
    return [l._replace(kernel=l.kernel - lr * gk, offset=l.offset - lr * go)
            for l, (gk, go) in zip(model, grads)]


rng = np.random.default_rng(5)
x = rng.uniform(-1, 1, (200, 2))
y = (np.hypot(x[:, 0], x[:, 1]) < 0.6).astype(float)[:, None]
model = build(rng, [2, 12, 1], ["relu", "sigm"])
for epoch in range(1500):
    model = descend(model, grads_of(model, x, y), 1.0)
    if epoch % 300 == 0:
        p = propagate(model, x)[1][-1]
        print(epoch, float(np.mean((p > 0.5) == y)))
