# rings, mini-batches handed as column slices to functions kept in a dict
import numpy as np

rng = np.random.default_rng(5)
ang = rng.uniform(0, 2 * np.pi, 300)
rad = np.r_[np.full(150, 1.0), np.full(150, 0.4)] + rng.normal(0, 0.05, 300)
P = np.vstack([rad * np.cos(ang), rad * np.sin(ang)])
T = np.r_[np.zeros(150), np.ones(150)][None, :]
params = {"A": rng.normal(0, 1, (8, 2)), "a": np.zeros((8, 1)),
          "B": rng.normal(0, 0.4, (1, 8)), "c": np.zeros((1, 1))}


def fwd(x):
    hid = np.tanh(params["A"] @ x + params["a"])
    return hid, 1 / (1 + np.exp(-(params["B"] @ hid + params["c"])))


def bwd(x, t, hid, out):
    n = x.shape[1]
    g_out = (out - t) / n
    g_hid = (params["B"].T @ g_out) * (1 - hid ** 2)
    return {"B": g_out @ hid.T, "c": g_out.sum(axis=1, keepdims=True),
            "A": g_hid @ x.T, "a": g_hid.sum(axis=1, keepdims=True)}


def upd(g, lr):
    for key in params:
        params[key] -= lr * g[key]


ops = {"fwd": fwd, "bwd": bwd, "upd": upd}
for ep in range(200):
    order = rng.permutation(300)
    for s in range(0, 300, 25):
        cols = order[s:s + 25]
        hid, out = ops["fwd"](P[:, cols])
        ops["upd"](ops["bwd"](P[:, cols], T[:, cols], hid, out), 0.4)
    if ep % 50 == 0:
        print(ep, float(np.mean((ops["fwd"](P)[1] > 0.5) == T)))
