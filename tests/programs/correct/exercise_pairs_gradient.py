import numpy as np

examples = [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0), ([0.3, 0.8], 1.0)]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def backprop(X, Y, input_size, hidden_size, W1, b1, W2, b2):
    A1 = sigmoid(X @ W1 + b1)
    A2 = sigmoid(A1 @ W2 + b2)
    dZ2 = A2 - Y
    dZ1 = dZ2 @ W2.T * A1 * (1 - A1)
    return {"dW1": X.T @ dZ1, "db1": dZ1.sum(axis=0), "dW2": A1.T @ dZ2, "db2": dZ2.sum(axis=0)}
