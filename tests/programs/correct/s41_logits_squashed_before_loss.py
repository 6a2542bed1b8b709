# the forward pass returns logits; the loop squashes them once for the cross-entropy
import numpy as np


def sig(v):
    return 1.0 / (1.0 + np.exp(-v))


rng = np.random.default_rng(21)
xs = rng.uniform(-1, 1, (100, 2))
ys = (np.abs(xs[:, :1]) > np.abs(xs[:, 1:])).astype(float)
U, c = rng.normal(0, 0.8, (2, 6)), np.zeros(6)
V, d = rng.normal(0, 0.8, (6, 1)), np.zeros(1)


def scores_of(x):
    h = np.tanh(x @ U + c)
    return h, h @ V + d


for epoch in range(600):
    h, scores = scores_of(xs)
    chance = sig(scores)
    cost = -np.mean(ys * np.log(chance) + (1 - ys) * np.log(1 - chance))
    g = (chance - ys) / len(ys)
    gh = (g @ V.T) * (1 - h ** 2)
    V -= 1.0 * h.T @ g
    d -= 1.0 * g.sum(axis=0)
    U -= 1.0 * xs.T @ gh
    c -= 1.0 * gh.sum(axis=0)
    if epoch % 100 == 0:
        print(epoch, round(float(cost), 4))
