import numpy as np

g = np.random.default_rng(12)
pts = g.uniform(-1, 1, (240, 4))
tgt = (pts[:, 0] * pts[:, 3] > 0).astype(float).reshape(-1, 1)
sq = lambda v: 1.0 / (1.0 + np.exp(-v))
net = [g.normal(0, 0.6, (4, 12)), np.zeros(12), g.normal(0, 0.6, (12, 1)), np.zeros(1)]


def one_step(net, xs, ts):
    A, a, B, b = net
    hid = sq(xs @ A + a)
    out = sq(hid @ B + b)
    err = (out - ts) * out * (1 - out)
    back = err @ B.T * hid * (1 - hid)
    return [xs.T @ back, back.sum(0), hid.T @ err, err.sum(0)], float(np.mean((out - ts) ** 2))


for rnd in range(400):
    for chunk in np.array_split(g.permutation(240), 6):
        grads, mse = one_step(net, pts[chunk], tgt[chunk])
        for w, d in zip(net, grads):
            w -= 0.8 * d
print("mse", mse)
