# ex4-style backprop one example at a time, regularised; the cost is averaged
import numpy as np


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def costFunction(p, nIn, nHid, X, y, lam):
    T1 = p[: nHid * (nIn + 1)].reshape(nHid, nIn + 1)
    T2 = p[nHid * (nIn + 1):].reshape(1, nHid + 1)
    m = X.shape[0]
    J = 0.0
    acc1 = np.zeros_like(T1)
    acc2 = np.zeros_like(T2)
    for i in range(m):
        x1 = np.r_[1.0, X[i]]
        h = np.r_[1.0, np.tanh(T1 @ x1)]
        o = sig(T2 @ h)
        J -= y[i] * np.log(o[0]) + (1 - y[i]) * np.log(1 - o[0])
        e3 = o - y[i]
        e2 = (T2[:, 1:].T @ e3) * (1 - h[1:] ** 2)
        acc1 += np.outer(e2, x1)
        acc2 += np.outer(e3, h)
    J = J / m + lam / (2 * m) * (np.sum(T1[:, 1:] ** 2) + np.sum(T2[:, 1:] ** 2))
    G1 = acc1 / m
    G2 = acc2  # BUG(ND106): the other gradient and the cost are divided by m
    G1[:, 1:] += lam / m * T1[:, 1:]
    G2[:, 1:] += lam / m * T2[:, 1:]
    return J, np.r_[G1.ravel(), G2.ravel()]


rng = np.random.default_rng(4)
X = rng.normal(size=(40, 2))
y = (X[:, 0] ** 2 + X[:, 1] > 0.5).astype(float)
p = rng.uniform(-0.5, 0.5, 6 * 3 + 7)
for it in range(300):
    J, g = costFunction(p, 2, 6, X, y, 0.5)
    p = p - 0.2 * g
    if it % 50 == 0:
        print(it, J)
