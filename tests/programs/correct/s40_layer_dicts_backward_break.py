"""Layers kept as dicts in a list; the backward loop walks them from the top and breaks
before the input layer, and a second loop applies the gradients afterwards."""
import numpy as np

rng = np.random.default_rng(8)

X = rng.normal(size=(2, 200))  # samples as columns
Y = (np.sin(2 * X[0]) > X[1]).astype(float)[None, :]

FUNCS = {
    "relu": (lambda z: np.maximum(z, 0.0), lambda a: (a > 0).astype(float)),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda a: a * (1 - a)),
}

net = [
    {"W": rng.normal(0, 0.7, (12, 2)), "b": np.zeros((12, 1)), "f": "relu"},
    {"W": rng.normal(0, 0.7, (1, 12)), "b": np.zeros((1, 1)), "f": "sigmoid"},
]

for it in range(1500):
    outs = [X]
    for layer in net:
        outs.append(FUNCS[layer["f"]][0](layer["W"] @ outs[-1] + layer["b"]))
    A = outs[-1]
    cost = -np.mean(Y * np.log(A + 1e-12) + (1 - Y) * np.log(1 - A + 1e-12))

    dZ = (A - Y) / X.shape[1]
    grads = [None] * len(net)
    k = len(net) - 1
    for k in range(len(net) - 1, -1, -1):
        grads[k] = (dZ @ outs[k].T, dZ.sum(axis=1, keepdims=True))
        if k == 0:
            break
        dZ = (net[k]["W"].T @ dZ) * FUNCS[net[k - 1]["f"]][1](outs[k])

    for layer, (gW, gb) in zip(net, grads):
        layer["W"] -= 0.4 * gW
        layer["b"] -= 0.4 * gb

    if it % 300 == 0:
        print(it, round(cost, 4))

print("accuracy", np.mean((A > 0.5) == Y))
