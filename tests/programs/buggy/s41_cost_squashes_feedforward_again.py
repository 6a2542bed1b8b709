# Octave port: a feed-forward helper returns the activations; the cost function takes its
# last one for the pre-activation and squashes it again
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def feedForward(T1, T2, X):
    a1 = np.hstack([np.ones((X.shape[0], 1)), X])
    a2 = np.hstack([np.ones((X.shape[0], 1)), np.tanh(a1 @ T1.T)])
    return a1, a2, sigmoid(a2 @ T2.T)


def costFn(p, X, y, n_in=2, n_h=4):
    T1 = p[: n_h * (n_in + 1)].reshape(n_h, n_in + 1)
    T2 = p[n_h * (n_in + 1):].reshape(1, n_h + 1)
    m = len(X)
    a1, a2, z3 = feedForward(T1, T2, X)
    h = sigmoid(z3)  # BUG(ND202): feedForward already squashed it
    J = -np.sum(y * np.log(h) + (1 - y) * np.log(1 - h)) / m
    d3 = h - y
    d2 = (d3 @ T2[:, 1:]) * (1 - a2[:, 1:] ** 2)
    return J, np.concatenate([(d2.T @ a1 / m).ravel(), (d3.T @ a2 / m).ravel()])


rng = np.random.default_rng(9)
X = rng.uniform(-1, 1, (30, 2))
y = (X[:, :1] > X[:, 1:] ** 2).astype(float)
p = rng.uniform(-0.4, 0.4, 4 * 3 + 5)
for i in range(1500):
    J, g = costFn(p, X, y)
    p -= 1.0 * g
    if i % 300 == 0:
        print(i, J)
