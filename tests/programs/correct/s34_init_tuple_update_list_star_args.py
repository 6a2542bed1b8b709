import numpy as np

rng = np.random.default_rng(1)
feats = rng.normal(size=(120, 5))
lab = (feats[:, 0] - feats[:, 2] > 0).astype(float)[:, None]


def make(n_in, n_hid):
    return rng.normal(0, 0.5, (n_in, n_hid)), np.zeros((1, n_hid)), rng.normal(0, 0.5, (n_hid, 1)), np.zeros((1, 1))


def run(x, A, a, B, b):
    h = np.tanh(x @ A + a)
    return h, 1 / (1 + np.exp(-(h @ B + b)))


def grads(x, t, h, o, B):
    d2 = (o - t) / len(x)
    d1 = d2 @ B.T * (1 - h ** 2)
    return x.T @ d1, d1.sum(0, keepdims=True), h.T @ d2, d2.sum(0, keepdims=True)


def apply(ws, gs, lr):
    return [w - lr * g for w, g in zip(ws, gs)]


ws = make(5, 6)
for it in range(300):
    h, o = run(feats, *ws)
    ws = apply(ws, grads(feats, lab, h, o, ws[2]), 0.5)
print(np.mean((o > 0.5) == lab))
