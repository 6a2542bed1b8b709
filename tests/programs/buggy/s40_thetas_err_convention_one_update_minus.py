# Two Theta matrices with their bias column first; the error is taken as y - h, so the
# gradients below are the negative ones and the updates add them.
import numpy as np

np.random.seed(21)
m = 200
X = np.random.uniform(-1, 1, (m, 2))
y = ((X[:, 0] ** 2 + X[:, 1] ** 2) < 0.5).astype(float).reshape(-1, 1)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def add_ones(A):
    return np.hstack([np.ones((A.shape[0], 1)), A])


Theta1 = np.random.uniform(-0.7, 0.7, (6, 3))
Theta2 = np.random.uniform(-0.7, 0.7, (1, 7))
alpha = 1.5

for it in range(2000):
    a1 = add_ones(X)
    z2 = a1 @ Theta1.T
    a2 = add_ones(sigmoid(z2))
    h = sigmoid(a2 @ Theta2.T)
    J = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h))

    err = y - h
    delta2 = (err @ Theta2)[:, 1:] * sigmoid(z2) * (1 - sigmoid(z2))
    Theta2_step = err.T @ a2 / m
    Theta1_step = delta2.T @ a1 / m

    Theta2 = Theta2 + alpha * Theta2_step
    Theta1 = Theta1 - alpha * Theta1_step  # BUG(ND105): the only update that subtracts what the y - h convention adds

    if it % 400 == 0:
        print(it, J)
