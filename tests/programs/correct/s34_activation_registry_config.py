import numpy as np

settings = {"hidden_activation": "tanh", "units": 9, "step": 0.4, "rounds": 1500}


def sig(z):
    return 1 / (1 + np.exp(-z))


def sig_d(a):
    return a * (1 - a)


def tanh_d(a):
    return 1 - a**2


FUNCS = {"tanh": np.tanh, "sigmoid": sig}
DERIVS = {"tanh": tanh_d, "sigmoid": sig_d}

squash = FUNCS[settings["hidden_activation"]]
slope = DERIVS[settings["hidden_activation"]]

g = np.random.default_rng(8)
X = g.uniform(-1, 1, (250, 2))
y = (np.sin(3 * X[:, :1]) > X[:, 1:]).astype(float)
W = g.normal(0, 1, (2, settings["units"]))
c = np.zeros(settings["units"])
V = g.normal(0, 1, (settings["units"], 1))
d = np.zeros(1)
for r in range(settings["rounds"]):
    a = squash(X @ W + c)
    p = sig(a @ V + d)
    e = (p - y) / len(X)
    back = e @ V.T * slope(a)
    V -= settings["step"] * a.T @ e
    d -= settings["step"] * e.sum(0)
    W -= settings["step"] * X.T @ back
    c -= settings["step"] * back.sum(0)
    if r % 300 == 0:
        print(r, float(np.mean((p > 0.5) == y)))
