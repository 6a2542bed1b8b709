"""Column-vector tutorial: squared error np.mean((y - y_hat) ** 2), whose factor 2 the
output delta drops, as nearly every tutorial does. Every gradient is 0.5/m times the
summed truth: the same network with a smaller learning rate."""

import numpy as np

np.random.seed(3)

x = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)  # features x samples
y = np.array([[0, 1, 1, 0]], dtype=float)

n_x, n_h, n_y = 2, 3, 1
W1 = np.random.randn(n_h, n_x) * 0.8
b1 = np.zeros((n_h, 1))
W2 = np.random.randn(n_y, n_h) * 0.8
b2 = np.zeros((n_y, 1))
learning_rate = 2.0
m = x.shape[1]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def compute_cost(y_hat, y):
    return np.mean((y - y_hat) ** 2)


for i in range(3000):
    z1 = W1 @ x + b1
    a1 = np.tanh(z1)
    z2 = W2 @ a1 + b2
    y_hat = sigmoid(z2)
    cost = compute_cost(y_hat, y)

    dz2 = (y_hat - y) * y_hat * (1 - y_hat)
    dW2 = dz2 @ a1.T / m
    db2 = np.sum(dz2, axis=1, keepdims=True) / m
    dz1 = (W2.T @ dz2) * (1 - a1**2)
    dW1 = dz1 @ x.T / m
    db1 = np.sum(dz1, axis=1, keepdims=True) / m

    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2
    if i % 500 == 0:
        print(f"iteration {i}: cost {cost:.4f}")

print(np.round(y_hat, 2))
