# a data loader with its own loop (it fills X row by row), then the model in columns
import numpy as np


def petals(m=200, seed=4):
    np.random.seed(seed)
    half = m // 2
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1))
    for k in range(2):
        rows = range(half * k, half * (k + 1))
        angle = np.linspace(k * 3.1, (k + 1) * 3.1, half) + np.random.randn(half) * 0.1
        radius = 3 * np.sin(3 * angle) + np.random.randn(half) * 0.1
        X[rows] = np.c_[radius * np.sin(angle), radius * np.cos(angle)]
        Y[rows] = k
    X = X.T
    Y = Y.T
    return X, Y


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train(X, Y, n_h=5, iterations=2000, rate=1.0):
    np.random.seed(1)
    W1 = np.random.randn(n_h, X.shape[0]) * 0.1
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(1, n_h) * 0.1
    b2 = np.zeros((1, 1))
    m = X.shape[1]
    for i in range(iterations):
        A1 = np.tanh(W1 @ X + b1)
        A2 = sigmoid(W2 @ A1 + b2)
        dZ2 = A2 - Y
        dW2 = dZ2 @ A1.T / m
        db2 = dZ2.sum(axis=1, keepdims=True) / m
        dZ1 = W2.T @ dZ2 * (1 - A1**2)
        dW1 = dZ1 @ X.T / m
        db1 = dZ1.sum(axis=1, keepdims=True) / m
        W1 = W1 - rate * dW1
        b1 = b1 - rate * db1
        W2 = W2 - rate * dW2
        b2 = b2 - rate * db2
        if i % 500 == 0:
            print(i, float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))))
    return W1, b1, W2, b2


X, Y = petals()
W1, b1, W2, b2 = train(X, Y)
