# the flat vector with Adam above; the hidden delta takes the sigmoid's slope for tanh units
import numpy as np

rng = np.random.default_rng(5)
X = rng.normal(size=(80, 3))
y = ((X[:, 0] > 0) ^ (X[:, 1] > 0)).astype(float).reshape(-1, 1)

n_in, n_hid = 3, 5
layout = [(n_in, n_hid), (1, n_hid), (n_hid, 1), (1, 1)]


def unroll(theta):
    out, at = [], 0
    for rows, cols in layout:
        out.append(theta[at:at + rows * cols].reshape(rows, cols))
        at += rows * cols
    return out


def cost_grad(theta, X, y):
    W1, b1, W2, b2 = unroll(theta)
    m = len(X)
    a1 = np.tanh(X @ W1 + b1)
    z2 = a1 @ W2 + b2
    p = 1 / (1 + np.exp(-z2))
    J = np.mean(np.logaddexp(0, z2) - y * z2)
    d2 = (p - y) / m
    d1 = d2 @ W2.T * a1 * (1 - a1)  # BUG(ND109): the sigmoid's slope for tanh units
    grads = [X.T @ d1, d1.sum(0, keepdims=True), a1.T @ d2, d2.sum(0, keepdims=True)]
    return J, np.concatenate([g.ravel() for g in grads])


theta = np.concatenate([
    rng.normal(size=n_in * n_hid) / np.sqrt(n_in),
    np.zeros(n_hid),
    rng.normal(size=n_hid) / np.sqrt(n_hid),
    np.zeros(1),
])
adam = {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "t": 0}
for it in range(600):
    J, g = cost_grad(theta, X, y)
    adam["t"] += 1
    adam["m"] = 0.9 * adam["m"] + 0.1 * g
    adam["v"] = 0.999 * adam["v"] + 0.001 * g * g
    m_hat = adam["m"] / (1 - 0.9 ** adam["t"])
    v_hat = adam["v"] / (1 - 0.999 ** adam["t"])
    theta -= 0.02 * m_hat / (np.sqrt(v_hat) + 1e-8)
    if it % 100 == 0:
        print(it, round(J, 4))
