# Octave port, per-example loop; the hidden error is not multiplied by the slope
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoidGradient(z):
    g = sigmoid(z)
    return g * (1 - g)


def nnCostFunction(nn_params, n_in, n_hid, X, y):
    Theta1 = nn_params[: n_hid * (n_in + 1)].reshape(n_hid, n_in + 1)
    Theta2 = nn_params[n_hid * (n_in + 1):].reshape(1, n_hid + 1)
    m = X.shape[0]
    J = np.zeros(1)
    D1 = np.zeros(Theta1.shape)
    D2 = np.zeros(Theta2.shape)
    for t in range(m):
        a1 = np.r_[1.0, X[t]]
        z2 = Theta1 @ a1
        a2 = np.r_[1.0, sigmoid(z2)]
        a3 = sigmoid(Theta2 @ a2)
        J = J + (-y[t] * np.log(a3) - (1 - y[t]) * np.log(1 - a3))
        d3 = a3 - y[t]
        d2 = Theta2[:, 1:].T @ d3  # BUG(ND110): sigmoidGradient(z2) left out
        D2 = D2 + np.outer(d3, a2)
        D1 = D1 + np.outer(d2, a1)
    grad = np.concatenate([(D1 / m).ravel(), (D2 / m).ravel()])
    return J[0] / m, grad


X = np.array([[(i >> 2) & 1, (i >> 1) & 1, i & 1] for i in range(8)], dtype=float)
y = X.sum(axis=1) % 2
np.random.seed(3)
eps = 1.0
nn_params = np.concatenate([
    (np.random.rand(5, 4) * 2 * eps - eps).ravel(),
    (np.random.rand(1, 6) * 2 * eps - eps).ravel(),
])
alpha = 2.0
for it in range(3000):
    J, grad = nnCostFunction(nn_params, 3, 5, X, y)
    nn_params = nn_params - alpha * grad
    if it % 500 == 0:
        print("iteration %4d | cost %.5f" % (it, J))
