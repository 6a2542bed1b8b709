import numpy as np

X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [0.2, 0.9]]
y = [0, 1, 1, 0, 1, 1]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train(X, y, hidden=4, lr=1.0, epochs=3000):
    X = np.array(X, dtype=float)
    y = np.array(y, dtype=float).reshape(-1, 1)
    rng = np.random.default_rng(0)
    W1 = rng.normal(0, 1, (X.shape[1], hidden))
    b1 = np.zeros((1, hidden))
    W2 = rng.normal(0, 1, (hidden, 1))
    b2 = np.zeros((1, 1))
    m = len(X)
    for i in range(epochs):
        A1 = sigmoid(X @ W1 + b1)
        A2 = sigmoid(A1 @ W2 + b2)
        dZ2 = (A2 - y) / m
        dW2 = A1.T @ dZ2
        db2 = dZ2.sum(axis=0, keepdims=True)
        dZ1 = dZ2 @ W2.T * A1 * (1 - A1)
        dW1 = X.T @ dZ1
        db1 = dZ1.sum(axis=0, keepdims=True)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
    return W1, b1, W2, b2


if __name__ == "__main__":
    params = train(X, y)
    print("done")
