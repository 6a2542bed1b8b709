"""Course layout, samples as columns, the gradients filled into a dict entry by entry."""
import numpy as np


def init(n_x, n_h, seed=2):
    rng = np.random.default_rng(seed)
    return {"Wh": rng.normal(0, 0.3, (n_h, n_x)), "bh": np.zeros((n_h, 1)),
            "Wo": rng.normal(0, 0.3, (1, n_h)), "bo": np.zeros((1, 1))}


def forward(X, P):
    H = np.maximum(0.05 * (P["Wh"] @ X + P["bh"]), P["Wh"] @ X + P["bh"])
    A = 1 / (1 + np.exp(-(P["Wo"] @ H + P["bo"])))
    return A, {"H": H}


def backward(P, cache, X, Y):
    m = X.shape[1]
    H = cache["H"]
    dZo = forward(X, P)[0] - Y
    grads = {}
    grads["dWo"] = dZo @ H.T / m
    grads["dbo"] = np.sum(dZo, axis=1, keepdims=True) / m
    dZh = (P["Wo"].T @ dZo) * np.where(H > 0, 1.0, 0.05)
    grads["dWh"] = dZh @ X.T / m
    grads["dbh"] = np.sum(dZh, axis=0, keepdims=True) / m  # BUG(ND108): axis=1 sums the samples
    return grads


def model(X, Y, n_h=6, iters=1000, rate=0.8):
    P = init(X.shape[0], n_h)
    for i in range(iters):
        A, cache = forward(X, P)
        g = backward(P, cache, X, Y)
        for k in ("Wh", "bh", "Wo", "bo"):
            P[k] = P[k] - rate * g["d" + k]
        if i % 250 == 0:
            print(i, float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))))
    return P


rng = np.random.default_rng(0)
X = rng.normal(size=(2, 120))
Y = (X[0:1] * X[1:2] > 0).astype(float)
model(X, Y)
