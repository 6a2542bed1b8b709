import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


np.random.seed(2)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([[0], [1], [1], [0]], dtype=float)
W1 = np.random.randn(3, 2)
b1 = np.zeros((3, 1))
W2 = np.random.randn(1, 3)
b2 = np.zeros((1, 1))
lr = 1.0

for epoch in range(2000):
    for x, y in zip(X, Y):
        x = x.reshape(2, 1)
        y = y.reshape(1, 1)
        z1 = W1 @ x + b1
        a1 = sigmoid(z1)
        z2 = W2 @ a1 + b2
        y_hat = sigmoid(z2)
        delta2 = (y_hat - y) * sigmoid_prime(y_hat)  # BUG(ND101): sigmoid' of the already activated output
        delta1 = (W2.T @ delta2) * sigmoid_prime(z1)
        W2 -= lr * delta2 @ a1.T
        b2 -= lr * delta2
        W1 -= lr * delta1 @ x.T
        b1 -= lr * delta1
    if epoch % 500 == 0:
        print(epoch, np.abs(Y.T - sigmoid(W2 @ sigmoid(W1 @ X.T + b1) + b2)).mean())
