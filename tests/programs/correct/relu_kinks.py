import numpy as np

# Integer inputs and integer weights: several hidden pre-activations are exactly 0.
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1], [2, 1], [1, 2]], dtype=float)
y = np.array([[0], [1], [1], [0], [1], [1]], dtype=float)
W1 = np.array([[1.0, -1.0, 0.0, 1.0], [-1.0, 1.0, 1.0, 0.0]])
b1 = np.zeros((1, 4))
W2 = np.array([[1.0], [1.0], [-0.5], [0.5]])
b2 = np.zeros((1, 1))


def relu(z):
    return np.maximum(z, 0)


def relu_grad(z):
    return (z > 0).astype(float)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def net_forward(X, W1, b1, W2, b2):
    return sigmoid(relu(X @ W1 + b1) @ W2 + b2)


def backprop(X, y, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = relu(z1)
    out = sigmoid(a1 @ W2 + b2)
    d2 = out - y
    dW2 = a1.T @ d2
    db2 = d2.sum(axis=0, keepdims=True)
    d1 = (d2 @ W2.T) * relu_grad(z1)
    dW1 = X.T @ d1
    db1 = d1.sum(axis=0, keepdims=True)
    return dW1, db1, dW2, db2


for epoch in range(500):
    dW1, db1, dW2, db2 = backprop(X, y, W1, b1, W2, b2)
    W1 -= 0.1 * dW1
    b1 -= 0.1 * db1
    W2 -= 0.1 * dW2
    b2 -= 0.1 * db2
print(net_forward(X, W1, b1, W2, b2).ravel())
