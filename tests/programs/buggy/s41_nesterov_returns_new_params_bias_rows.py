# a made-up table, tanh units, and a Nesterov step that returns new parameter dicts
import numpy as np

rng = np.random.default_rng(6)
table = rng.uniform(0, 10, (16, 3))
passed = (table[:, :1] + 0.5 * table[:, 1:2] - table[:, 2:] > 3).astype(float)
feats = (table - table.mean(axis=0)) / table.std(axis=0)
net = {"Wa": rng.normal(0, 0.5, (3, 5)), "ba": np.zeros((1, 5)),
       "Wb": rng.normal(0, 0.5, (5, 1)), "bb": np.zeros((1, 1))}


def grads_of(net, x, t):
    n = len(x)
    hid = np.tanh(x @ net["Wa"] + net["ba"])
    out = 1 / (1 + np.exp(-(hid @ net["Wb"] + net["bb"])))
    d_out = (out - t) / n
    d_hid = (d_out @ net["Wb"].T) * (1 - hid ** 2)
    return {"Wb": hid.T @ d_out, "bb": d_out.sum(axis=0, keepdims=True),
            "Wa": x.T @ d_hid, "ba": d_hid}  # BUG(ND108): d_hid is never summed over the rows


def nesterov(net, g, mom, rate=0.1, mu=0.9):
    fresh, moved = {}, {}
    for key in net:
        old = mom[key]
        new = mu * old - rate * g[key]
        fresh[key] = net[key] - mu * old + (1 + mu) * new
        moved[key] = new
    return fresh, moved


mom = {key: np.zeros_like(val) for key, val in net.items()}
for epoch in range(800):
    net, mom = nesterov(net, grads_of(net, feats, passed), mom)
    if epoch % 200 == 0:
        print(epoch, net["ba"].shape)
