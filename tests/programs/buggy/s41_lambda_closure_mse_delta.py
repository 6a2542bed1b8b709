# Octave-port style: unrolled parameters, cost function handed to a small minimizer as a lambda
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def costGrad(nn, n_in, n_hid, X, y):
    T1 = nn[:n_hid * (n_in + 1)].reshape(n_hid, n_in + 1)
    T2 = nn[n_hid * (n_in + 1):].reshape(1, n_hid + 1)
    m = X.shape[0]
    a1 = np.hstack([np.ones((m, 1)), X])
    a2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ T1.T)])
    h = sigmoid(a2 @ T2.T)
    J = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h))
    d3 = (h - y) * h * (1 - h)  # BUG(ND104): squared-error delta with a cross-entropy cost
    d2 = (d3 @ T2[:, 1:]) * a2[:, 1:] * (1 - a2[:, 1:])
    return J, np.concatenate([(d2.T @ a1 / m).ravel(), (d3.T @ a2 / m).ravel()])


def descend(f, x0, step=1.0, iters=600):
    x = x0.copy()
    for i in range(iters):
        J, g = f(x)
        x = x - step * g
        if i % 100 == 0:
            print("iter", i, "cost", round(J, 4))
    return x


def run():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(120, 3))
    y = (X[:, :1] + X[:, 1:2] * X[:, 2:3] > 0).astype(float)
    init = rng.uniform(-0.5, 0.5, 7 * 4 + 8)
    return descend(lambda p: costGrad(p, 3, 7, X, y), init)


if __name__ == "__main__":
    run()
