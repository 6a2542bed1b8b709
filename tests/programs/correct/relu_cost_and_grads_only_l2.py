import numpy as np


def cost_and_gradients(theta, X, y, reg):
    """Everything in one place, as the course's exercise has it: no separate forward."""
    W1, b1, W2, b2 = theta
    n = len(X)
    z1 = X @ W1 + b1
    h = np.maximum(z1, 0)
    p = 1 / (1 + np.exp(-(h @ W2 + b2)))
    J = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    J += reg / (2 * n) * (np.sum(W1**2) + np.sum(W2**2))
    dz2 = (p - y) / n
    dW2 = h.T @ dz2 + reg / n * W2
    db2 = dz2.sum(axis=0)
    dz1 = dz2 @ W2.T * (z1 > 0)
    dW1 = X.T @ dz1 + reg / n * W1
    db1 = dz1.sum(axis=0)
    return J, (dW1, db1, dW2, db2)


np.random.seed(3)
X = np.random.randn(150, 2)
y = (X[:, :1] * X[:, 1:] > 0).astype(float)
theta = (np.random.randn(2, 10), np.zeros(10), np.random.randn(10, 1) * 0.3, np.zeros(1))
for it in range(600):
    J, grads = cost_and_gradients(theta, X, y, reg=0.01)
    theta = tuple(t - 0.5 * g for t, g in zip(theta, grads))
    if it % 150 == 0:
        print(it, J)
