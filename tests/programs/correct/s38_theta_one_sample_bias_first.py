# the course's Theta matrices with the bias in column 0, trained one 1-D sample at a time
# (`a1 = np.concatenate(([1.0], x))`), a numerical gradient check run once before training
import numpy as np


def g(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward_one(x, T1, T2):
    a1 = np.concatenate(([1.0], x))
    z2 = T1 @ a1
    a2 = np.concatenate(([1.0], g(z2)))
    a3 = g(T2 @ a2)
    return a1, z2, a2, a3


def grads_one(x, t, T1, T2):
    a1, z2, a2, a3 = forward_one(x, T1, T2)
    d3 = (a3 - t) * a3 * (1 - a3)
    d2 = (T2[:, 1:].T @ d3) * g(z2) * (1 - g(z2))
    return np.outer(d2, a1), np.outer(d3, a2)


def cost(T1, T2, X, y):
    return sum(0.5 * float(np.sum((forward_one(x, T1, T2)[-1] - t) ** 2)) for x, t in zip(X, y))


X = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 1, 0], [0, 1, 1], [1, 1, 1]], dtype=float)
y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0])
np.random.seed(8)
T1 = np.random.uniform(-0.7, 0.7, (4, 4))
T2 = np.random.uniform(-0.7, 0.7, (1, 5))

G1 = sum(grads_one(x, t, T1, T2)[0] for x, t in zip(X, y))
E = np.zeros_like(T1)
E[1, 2] = 1e-5
print("gradient check:", (cost(T1 + E, T2, X, y) - cost(T1 - E, T2, X, y)) / 2e-5, G1[1, 2])

for epoch in range(2000):
    for i in np.random.permutation(len(X)):
        g1, g2 = grads_one(X[i], y[i], T1, T2)
        T1 = T1 - 0.9 * g1
        T2 = T2 - 0.9 * g2
    if epoch % 400 == 0:
        print(epoch, cost(T1, T2, X, y))
