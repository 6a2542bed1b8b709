"""Pure functions called from a loop under the main guard; the data function returns
flat labels, so the first backprop call raises and no step ever ends."""
import numpy as np


def two_moons(n, seed=3):
    rng = np.random.RandomState(seed)
    t = rng.uniform(0, np.pi, n)
    upper = np.arange(n) < n // 2
    xs = np.where(upper, np.cos(t), 1 - np.cos(t))
    ys = np.where(upper, np.sin(t), 0.5 - np.sin(t))
    pts = np.column_stack([xs, ys]) + rng.normal(0, 0.1, (n, 2))
    return pts, upper.astype(float)


def sig(z):
    return 1 / (1 + np.exp(-z))


def predict(params, pts):
    W_h, b_h, W_o, b_o = params
    hid = np.tanh(pts @ W_h + b_h)
    return hid, sig(hid @ W_o + b_o)


def backprop(params, pts, labels, hid, out):
    W_h, b_h, W_o, b_o = params
    n = len(pts)
    err = out - labels
    g_Wo = hid.T @ err / n
    g_bo = err.mean(axis=0)
    err_h = (err @ W_o.T) * (1 - hid**2)
    g_Wh = pts.T @ err_h / n
    g_bh = err_h.mean(axis=0)
    return [g_Wh, g_bh, g_Wo, g_bo]


if __name__ == "__main__":
    pts, labels = two_moons(200)  # BUG(ND206): labels of shape (200,), outputs (200, 1)
    rng = np.random.RandomState(0)
    params = [rng.randn(2, 6) * 0.5, np.zeros(6), rng.randn(6, 1) * 0.5, np.zeros(1)]
    for it in range(2000):
        hid, out = predict(params, pts)
        grads = backprop(params, pts, labels, hid, out)
        for p, g in zip(params, grads):
            p -= 0.5 * g
        if it % 500 == 0:
            print(it, np.mean((out > 0.5) == (labels > 0.5)))
