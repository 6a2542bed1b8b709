# everything in one function: cost and gradients together, no forward() to reuse
import numpy as np

rng = np.random.RandomState(9)
feats = rng.randn(180, 4)
outcome = (np.abs(feats[:, 0]) + feats[:, 1] > 0.8).astype(float).reshape(-1, 1)


def cost_and_grads(W_in, b_in, W_out, b_out, x, t):
    n = len(x)
    pre = x.dot(W_in) + b_in
    hid = np.maximum(pre, 0)
    out = 1 / (1 + np.exp(-(hid.dot(W_out) + b_out)))
    cost = -np.sum(t * np.log(out) + (1 - t) * np.log(1 - out)) / n
    d_out = (out - t) * out * (1 - out) / n  # BUG(ND104): the squared error's delta under a cross-entropy cost
    d_hid = d_out.dot(W_out.T) * (pre > 0)
    return cost, (x.T.dot(d_hid), d_hid.sum(0), hid.T.dot(d_out), d_out.sum(0))


W_in = rng.randn(4, 8) * 0.5
b_in = np.full(8, 0.1)
W_out = rng.randn(8, 1) * 0.5
b_out = np.zeros(1)
for it in range(3000):
    cost, (gWi, gbi, gWo, gbo) = cost_and_grads(W_in, b_in, W_out, b_out, feats, outcome)
    W_in -= 0.8 * gWi
    b_in -= 0.8 * gbi
    W_out -= 0.8 * gWo
    b_out -= 0.8 * gbo
    if it % 500 == 0:
        print(it, cost)
