# Octave-notes port: unrolled Theta1/Theta2 (bias column first), tanh hidden units, a linear
# output, cost J = sum of squares / (2m) plus L2 on the non-bias columns
import numpy as np


def unroll(T1, T2):
    return np.concatenate([T1.ravel(), T2.ravel()])


def linRegNNCost(params, n_in, n_hid, X, y, lam):
    T1 = params[: n_hid * (n_in + 1)].reshape(n_hid, n_in + 1)
    T2 = params[n_hid * (n_in + 1):].reshape(1, n_hid + 1)
    m = X.shape[0]
    A1 = np.c_[np.ones(m), X]
    Z2 = A1 @ T1.T
    A2 = np.c_[np.ones(m), np.tanh(Z2)]
    H = A2 @ T2.T
    J = np.sum((H - y) ** 2) / (2 * m) + lam / (2 * m) * (np.sum(T1[:, 1:] ** 2) + np.sum(T2[:, 1:] ** 2))
    D3 = H - y
    D2 = (D3 @ T2[:, 1:]) * (1 - np.tanh(Z2))  # BUG(ND109): the tanh slope is 1 - tanh(z)**2
    G1 = D2.T @ A1 / m
    G2 = D3.T @ A2 / m
    G1[:, 1:] += lam / m * T1[:, 1:]
    G2[:, 1:] += lam / m * T2[:, 1:]
    return J, unroll(G1, G2)


np.random.seed(7)
X = np.random.uniform(-2, 2, (60, 2))
y = (np.sin(X[:, 0]) * X[:, 1]).reshape(-1, 1) * 3
theta = unroll(np.random.uniform(-0.6, 0.6, (10, 3)), np.random.uniform(-0.6, 0.6, (1, 11)))
for i in range(2000):
    J, grad = linRegNNCost(theta, 2, 10, X, y, 0.05)
    theta = theta - 0.1 * grad
    if i % 250 == 0:
        print(i, J)
