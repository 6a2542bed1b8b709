import numpy as np


def init(n_in, n_hid, seed=0):
    rs = np.random.RandomState(seed)
    return {
        "Wh": rs.randn(n_in, n_hid) * 0.6,
        "bh": np.zeros(n_hid),
        "wo": rs.randn(n_hid) * 0.6,
        "bo": 0.0,
    }


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def epoch_gradients(net, xs, ys):
    g_Wh = np.zeros_like(net["Wh"])
    g_bh = np.zeros_like(net["bh"])
    g_wo = np.zeros_like(net["wo"])
    g_bo = 0.0
    for x, y in zip(xs, ys):
        h = sigmoid(x @ net["Wh"] + net["bh"])
        p = sigmoid(h @ net["wo"] + net["bo"])
        e = p - y
        g_wo += e * h
        g_bo = e  # BUG(ND108): overwritten by each sample; the sum needs +=
        eh = e * net["wo"] * h * (1 - h)
        g_Wh += np.outer(x, eh)
        g_bh += eh
    n = len(xs)
    return {"Wh": g_Wh / n, "bh": g_bh / n, "wo": g_wo / n, "bo": g_bo / n}


rs = np.random.RandomState(3)
xs = rs.uniform(-2, 2, (120, 2))
ys = (xs[:, 0] * xs[:, 1] > 0).astype(float)
net = init(2, 8)
for ep in range(400):
    g = epoch_gradients(net, xs, ys)
    for k in net:
        net[k] = net[k] - 2.0 * g[k]
    if ep % 100 == 0:
        p = sigmoid(sigmoid(xs @ net["Wh"] + net["bh"]) @ net["wo"] + net["bo"])
        print(ep, np.mean((p > 0.5) == ys))
