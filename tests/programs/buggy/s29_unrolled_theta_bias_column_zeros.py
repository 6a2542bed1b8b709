# vectorised ex4 port with regularisation; the hidden layer's bias column gets zeros
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def cost_and_grad(nn_params, n_in, n_hid, X, y, lam):
    Theta1 = nn_params[: n_hid * (n_in + 1)].reshape(n_hid, n_in + 1)
    Theta2 = nn_params[n_hid * (n_in + 1):].reshape(1, n_hid + 1)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    a3 = sigmoid(a2 @ Theta2.T)
    J = -np.mean(y * np.log(a3) + (1 - y) * np.log(1 - a3))
    J += lam / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))
    d3 = a3 - y
    d2 = (d3 @ Theta2[:, 1:]) * sigmoid(z2) * (1 - sigmoid(z2))
    D1 = d2.T @ a1
    D2 = d3.T @ a2
    Theta1_grad = np.hstack([np.zeros((n_hid, 1)), D1[:, 1:] / m + lam / m * Theta1[:, 1:]])  # BUG(ND108): zeros where D1[:, :1] / m belongs
    Theta2_grad = np.hstack([D2[:, :1] / m, D2[:, 1:] / m + lam / m * Theta2[:, 1:]])
    return J, np.concatenate([Theta1_grad.ravel(), Theta2_grad.ravel()])


rng = np.random.RandomState(6)
X = rng.randn(200, 4)
y = (X[:, 0] * X[:, 1] + X[:, 2] > 0).astype(float).reshape(-1, 1)
params = np.concatenate([rng.uniform(-0.5, 0.5, 6 * 5), rng.uniform(-0.5, 0.5, 7)])
for it in range(1500):
    J, g = cost_and_grad(params, 4, 6, X, y, 0.5)
    params -= 1.5 * g
    if it % 300 == 0:
        print(it, round(J, 4))
