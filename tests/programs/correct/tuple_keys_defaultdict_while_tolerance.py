# weights in one dict keyed by (layer, kind) tuples; a while loop that stops on a tolerance
from collections import defaultdict

import numpy as np

rng = np.random.default_rng(2)
X = rng.normal(size=(90, 3))
y = (X[:, 0] + X[:, 1] * X[:, 2] > 0).astype(float).reshape(-1, 1)

net = defaultdict(lambda: None)
net[(1, "W")] = rng.normal(0, 0.5, (3, 7))
net[(1, "b")] = np.zeros((1, 7))
net[(2, "W")] = rng.normal(0, 0.5, (7, 1))
net[(2, "b")] = np.zeros((1, 1))

loss, it = 1.0, 0
while loss > 0.05 and it < 3000:
    h = np.tanh(X @ net[(1, "W")] + net[(1, "b")])
    p = 1 / (1 + np.exp(-(h @ net[(2, "W")] + net[(2, "b")])))
    loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    d2 = (p - y) / len(X)
    d1 = d2 @ net[(2, "W")].T * (1 - h ** 2)
    net[(2, "W")] -= 1.0 * h.T @ d2
    net[(2, "b")] -= 1.0 * d2.sum(0, keepdims=True)
    net[(1, "W")] -= 1.0 * X.T @ d1
    net[(1, "b")] -= 1.0 * d1.sum(0, keepdims=True)
    it += 1
print(it, loss)
