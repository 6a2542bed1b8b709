# The ex4-style port with its gradient check before training and labels 1 and 2; the
# hidden delta is missing the derivative of the hidden sigmoid.
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def unroll(T1, T2):
    return np.concatenate([T1.ravel(), T2.ravel()])


def nn_cost(params, n_in, n_hid, X, y, lam):
    T1 = params[: n_hid * (n_in + 1)].reshape(n_hid, n_in + 1)
    T2 = params[n_hid * (n_in + 1) :].reshape(1, n_hid + 1)
    m = X.shape[0]
    target = (y == 2).astype(float).reshape(-1, 1)  # class 2 is the positive class
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ T1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    h = sigmoid(a2 @ T2.T)
    J = -np.sum(target * np.log(h) + (1 - target) * np.log(1 - h)) / m
    J += lam / (2 * m) * (np.sum(T1[:, 1:] ** 2) + np.sum(T2[:, 1:] ** 2))
    d3 = h - target
    d2 = (d3 @ T2)[:, 1:]  # BUG(ND110): the hidden delta without the sigmoid's slope
    G1 = d2.T @ a1 / m
    G2 = d3.T @ a2 / m
    G1[:, 1:] += lam / m * T1[:, 1:]
    G2[:, 1:] += lam / m * T2[:, 1:]
    return J, unroll(G1, G2)


def numerical_gradient(cost, theta, eps=1e-4):
    approx = np.zeros_like(theta)
    bump = np.zeros_like(theta)
    for k in range(theta.size):
        bump[k] = eps
        up, _ = cost(theta + bump)
        down, _ = cost(theta - bump)
        approx[k] = (up - down) / (2 * eps)
        bump[k] = 0.0
    return approx


def check_gradients(lam=0.0):
    rng = np.random.default_rng(5)
    Xd = rng.normal(size=(6, 3))
    yd = 1 + np.arange(6) % 2
    theta = rng.normal(scale=0.3, size=4 * 4 + 5)
    cost = lambda t: nn_cost(t, 3, 4, Xd, yd, lam)
    _, analytic = cost(theta)
    approx = numerical_gradient(cost, theta)
    print("relative difference:", np.linalg.norm(approx - analytic) / np.linalg.norm(approx + analytic))


check_gradients(1.0)

rng = np.random.default_rng(8)
X = rng.uniform(-1, 1, (160, 2))
y = np.where(X[:, 0] * X[:, 1] > 0, 2, 1)  # classes 1 and 2
n_in, n_hid = 2, 6
eps_init = 0.9
params = unroll(rng.uniform(-eps_init, eps_init, (n_hid, n_in + 1)),
                rng.uniform(-eps_init, eps_init, (1, n_hid + 1)))
alpha = 2.0
for it in range(3000):
    J, grad = nn_cost(params, n_in, n_hid, X, y, 0.0)
    params = params - alpha * grad
    if it % 500 == 0:
        print(it, J)
J, _ = nn_cost(params, n_in, n_hid, X, y, 0.0)
print("final cost", J)
