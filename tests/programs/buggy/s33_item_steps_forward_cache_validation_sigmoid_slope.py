# churn model: 4 features -> 6 tanh -> 1 sigmoid, BCE, a validation forward each epoch
import numpy as np

rng = np.random.default_rng(5)
m = 300
feats = rng.normal(size=(m, 4))
churned = ((feats[:, 0] - 0.7 * feats[:, 2] + 0.3 * feats[:, 1] * feats[:, 3]) > 0).astype(float)[:, None]
tr_X, va_X = feats[:240], feats[240:]
tr_y, va_y = churned[:240], churned[240:]


def sig(a):
    return 1 / (1 + np.exp(-a))


def forward(X, P):
    memo = {}
    memo["z1"] = X @ P["W1"] + P["b1"]
    memo["h"] = np.tanh(memo["z1"])
    memo["z2"] = memo["h"] @ P["W2"] + P["b2"]
    memo["p"] = sig(memo["z2"])
    return memo["p"], memo


def bce(p, y):
    return -np.mean(y * np.log(p + 1e-10) + (1 - y) * np.log(1 - p + 1e-10))


def backward(X, y, P, memo):
    n = X.shape[0]
    d2 = (memo["p"] - y) / n
    g = {"W2": memo["h"].T @ d2, "b2": d2.sum(axis=0, keepdims=True)}
    d1 = (d2 @ P["W2"].T) * memo["h"] * (1 - memo["h"])  # BUG(ND109): the sigmoid slope on a tanh layer
    g["W1"] = X.T @ d1
    g["b1"] = d1.sum(axis=0, keepdims=True)
    return g


P = {"W1": rng.normal(scale=0.5, size=(4, 6)), "b1": np.zeros((1, 6)),
     "W2": rng.normal(scale=0.5, size=(6, 1)), "b2": np.zeros((1, 1))}
lr = 1.2
log = []
for ep in range(800):
    p, memo = forward(tr_X, P)
    g = backward(tr_X, tr_y, P, memo)
    for name in ("W1", "b1", "W2", "b2"):
        assert g[name].shape == P[name].shape, name
        P[name] -= lr * g[name]
    pv, _ = forward(va_X, P)
    log.append((bce(p, tr_y), bce(pv, va_y)))
    if ep % 200 == 0:
        print(ep, "train %.4f  val %.4f" % log[-1])
