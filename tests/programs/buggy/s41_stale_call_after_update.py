# two moons-ish blobs, the backward pass split into helpers, updates interleaved
import numpy as np

rng = np.random.default_rng(8)
feats = np.vstack([rng.normal(-1, 0.7, (60, 2)), rng.normal(1, 0.7, (60, 2))])
labels = np.vstack([np.zeros((60, 1)), np.ones((60, 1))])

Wi = rng.normal(0, 0.5, (2, 6))
bi = np.zeros(6)
Wo = rng.normal(0, 0.5, (6, 1))
bo = np.zeros(1)


def forward(x):
    h = np.maximum(0.01 * (x @ Wi + bi), x @ Wi + bi)
    return h, 1 / (1 + np.exp(-(h @ Wo + bo)))


def top_grads(h, o, t):
    d = (o - t) / len(t)
    return d, h.T @ d, d.sum(axis=0)


def low_grads(x, h, d, w_next):
    dh = (d @ w_next.T) * np.where(h > 0, 1.0, 0.01)
    return x.T @ dh, dh.sum(axis=0)


lr = 0.5
for epoch in range(400):
    h, o = forward(feats)
    d, gWo, gbo = top_grads(h, o, labels)
    Wo -= lr * gWo
    bo -= lr * gbo
    gWi, gbi = low_grads(feats, h, d, Wo)  # BUG(ND111): Wo already updated above
    Wi -= lr * gWi
    bi -= lr * gbi
    if epoch % 100 == 0:
        print(epoch, float(np.mean((o > 0.5) == labels)))
