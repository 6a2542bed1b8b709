import numpy as np

np.random.seed(21)
pts = np.random.randn(150, 2)
lab = (np.linalg.norm(pts, axis=1) < 1.1).astype(float)[:, None]

net = {
    "hidden": {"W": np.random.randn(2, 6) * 0.6, "b": np.zeros((1, 6))},
    "out": {"W": np.random.randn(6, 1) * 0.6, "b": np.zeros((1, 1))},
}


def run(net, x):
    z = x @ net["hidden"]["W"] + net["hidden"]["b"]
    a = np.maximum(0.1 * z, z)
    p = 1 / (1 + np.exp(-(a @ net["out"]["W"] + net["out"]["b"])))
    return {"x": x, "z": z, "a": a, "p": p}


def grads_of(net, c, t):
    m = len(t)
    g = {"hidden": {}, "out": {}}
    d_out = (c["p"] - t) / m
    g["out"]["W"] = c["a"].T @ d_out
    g["out"]["b"] = d_out.sum(axis=0, keepdims=True)
    d_hid = (d_out @ net["out"]["W"].T) * np.where(c["z"] > 0, 1.0, 0.1)
    g["hidden"]["W"] = c["x"].T @ d_hid
    g["hidden"]["b"] = -d_hid.sum(axis=0, keepdims=True)  # BUG(ND105): minus sign on the hidden bias gradient
    return g


for epoch in range(3000):
    c = run(net, pts)
    g = grads_of(net, c, lab)
    for layer in net:
        for key in net[layer]:
            net[layer][key] -= 0.5 * g[layer][key]
    if epoch % 1000 == 0:
        print(epoch, float(-np.mean(lab * np.log(c["p"]) + (1 - lab) * np.log(1 - c["p"]))))
