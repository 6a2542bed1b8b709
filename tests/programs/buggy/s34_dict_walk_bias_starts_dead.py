import numpy as np

gen = np.random.default_rng(4)
data = gen.normal(size=(200, 4))
truth = (data[:, 0] * data[:, 1] + data[:, 2] > 0).astype(float)[:, None]

net = {
    "Wa": gen.normal(0, 0.2, (4, 16)),
    "ba": np.full((1, 16), -3.0),  # BUG(ND301): every hidden unit starts far below zero
    "Wb": gen.normal(0, 0.2, (16, 1)),
    "bb": np.zeros((1, 1)),
}


def grads_of(net, xs, ys):
    za = xs @ net["Wa"] + net["ba"]
    ha = np.maximum(za, 0)
    out = 1 / (1 + np.exp(-(ha @ net["Wb"] + net["bb"])))
    d_out = (out - ys) / len(xs)
    d_ha = d_out @ net["Wb"].T * (za > 0)
    return {
        "Wa": xs.T @ d_ha,
        "ba": d_ha.sum(0, keepdims=True),
        "Wb": ha.T @ d_out,
        "bb": d_out.sum(0, keepdims=True),
    }


for ep in range(100):
    order = gen.permutation(len(data))
    for lo in range(0, len(data), 40):
        rows = order[lo:lo + 40]
        g = grads_of(net, data[rows], truth[rows])
        for key in net:
            net[key] -= 0.5 * g[key]
