"""Tanh-hidden XOR network with forward/backward functions; bug: the hidden delta forgets the output weights."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = np.tanh(Z1)
    Z2 = A1 @ W2 + b2
    A2 = sigmoid(Z2)
    return A1, A2


def bce(A2, Y):
    eps = 1e-12
    return -np.mean(Y * np.log(A2 + eps) + (1 - Y) * np.log(1 - A2 + eps))


def backward(X, Y, W2, A1, A2):
    m = X.shape[0]
    dZ2 = (A2 - Y) / m
    dW2 = A1.T @ dZ2
    db2 = dZ2.sum(axis=0, keepdims=True)
    dZ1 = dZ2 * (1 - A1 ** 2)  # BUG(ND100): the output delta is never multiplied by W2.T
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0, keepdims=True)
    return dW1, db1, dW2, db2


def main():
    np.random.seed(3)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    Y = np.array([[0], [1], [1], [0]], dtype=float)
    n_hidden = 4
    W1 = np.random.randn(2, n_hidden)
    b1 = np.zeros((1, n_hidden))
    W2 = np.random.randn(n_hidden, 1)
    b2 = np.zeros((1, 1))
    lr = 0.5

    for epoch in range(3001):
        A1, A2 = forward(X, W1, b1, W2, b2)
        dW1, db1, dW2, db2 = backward(X, Y, W2, A1, A2)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
        if epoch % 1000 == 0:
            print(f"epoch {epoch:5d}  loss {bce(A2, Y):.4f}")

    _, A2 = forward(X, W1, b1, W2, b2)
    print("predictions:", A2.ravel().round(3))


if __name__ == "__main__":
    main()
