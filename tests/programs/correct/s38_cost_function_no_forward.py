# the Octave-port cost function above, written right: J and both gradients from one call
import numpy as np


def logistic(z):
    return 1.0 / (1.0 + np.exp(-z))


def cost_and_gradients(T1, T2, X, y):
    m = X.shape[0]
    a1 = np.column_stack([np.ones(m), X])
    z2 = a1 @ T1.T
    a2 = np.column_stack([np.ones(m), np.tanh(z2)])
    h = logistic(a2 @ T2.T)
    J = np.sum((h - y) ** 2) / (2 * m)
    e3 = (h - y) * h * (1 - h)
    e2 = (e3 @ T2[:, 1:]) * (1 - np.tanh(z2) ** 2)
    return J, e2.T @ a1 / m, e3.T @ a2 / m


X = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 1, 1], [0, 1, 1], [1, 0, 1]], dtype=float)
y = np.array([[0], [1], [1], [1], [0], [0]], dtype=float)

rng = np.random.default_rng(4)
T1 = rng.uniform(-0.6, 0.6, (4, 4))
T2 = rng.uniform(-0.6, 0.6, (1, 5))

for i in range(3000):
    J, G1, G2 = cost_and_gradients(T1, T2, X, y)
    T1 = T1 - 0.8 * G1
    T2 = T2 - 0.8 * G2
    if i % 500 == 0:
        print(i, J)
