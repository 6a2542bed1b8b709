from functools import reduce

import numpy as np

rng = np.random.default_rng(6)
X = rng.normal(size=(200, 2))
y = ((X[:, 0] > 0) ^ (X[:, 1] > 0)).astype(float).reshape(-1, 1)

relu = lambda z: np.maximum(z, 0.0)  # noqa: E731
relu_d = lambda z: (z > 0).astype(float)  # noqa: E731
sigm = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731


def forward(params, X):
    acts = [relu, sigm]
    zs, outs = [], [X]
    reduce(lambda a, layer: outs.append(layer[2](a @ layer[0] + layer[1])) or zs.append(a @ layer[0] + layer[1]) or outs[-1], [(W, b, f) for (W, b), f in zip(params, acts)], X)
    return zs, outs


def backward(params, zs, outs, y):
    m = y.shape[0]
    delta = (outs[-1] - y) / m
    gW2 = outs[1].T @ delta
    gb2 = delta.sum(axis=0, keepdims=True)
    delta_h = delta @ params[1][0].T * relu_d(zs[0])
    gW1 = outs[0].T @ delta_h
    gb1 = delta_h  # BUG(ND108): the hidden bias's gradient is never summed over the samples
    return [(gW1, gb1), (gW2, gb2)]


def train(params, X, y, steps, lr=0.5):
    for step in range(steps):
        zs, outs = forward(params, X)
        grads = backward(params, zs, outs, y)
        params = [(W - lr * gW, b - lr * gb) for (W, b), (gW, gb) in zip(params, grads)]
        if step % 200 == 0:
            p = outs[-1]
            print(step, float(-np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))))
    return params


params = [(rng.normal(0, 0.8, (2, 10)), np.zeros((1, 10))), (rng.normal(0, 0.8, (10, 1)), np.zeros((1, 1)))]
params = train(params, X, y, 800)
