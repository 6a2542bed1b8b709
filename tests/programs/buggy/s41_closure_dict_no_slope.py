"""A network as a dict of closures over one parameter dict (nothing else holds it)."""
import numpy as np


def build(n_in, n_hid, seed=0):
    rng = np.random.default_rng(seed)
    p = {"Wh": rng.normal(0, 0.7, (n_hid, n_in)), "bh": np.zeros((n_hid, 1)),
         "Wo": rng.normal(0, 0.7, (1, n_hid)), "bo": np.zeros((1, 1))}
    memo = {}

    def run(X):
        memo["X"] = X
        memo["H"] = np.maximum(0.0, p["Wh"] @ X + p["bh"])
        memo["P"] = 1.0 / (1.0 + np.exp(-(p["Wo"] @ memo["H"] + p["bo"])))
        return memo["P"]

    def grads(Y):
        n = Y.shape[1]
        dO = (memo["P"] - Y) / n
        dH = p["Wo"].T @ dO  # BUG(ND110): no ReLU slope
        return {"Wo": dO @ memo["H"].T, "bo": dO.sum(axis=1, keepdims=True),
                "Wh": dH @ memo["X"].T, "bh": dH.sum(axis=1, keepdims=True)}

    def apply(g, rate):
        for name in p:
            p[name] -= rate * g[name]

    return {"run": run, "grads": grads, "apply": apply}


rng = np.random.default_rng(1)
pts = rng.normal(size=(2, 200))
lab = (pts[0] * pts[1] > 0).astype(float)[None, :]
model = build(2, 10)
for it in range(800):
    probs = model["run"](pts)
    model["apply"](model["grads"](lab), 0.5)
    if it % 100 == 0:
        c = np.clip(probs, 1e-9, 1 - 1e-9)
        print(it, float(-np.mean(lab * np.log(c) + (1 - lab) * np.log(1 - c))))
