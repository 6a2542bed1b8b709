import numpy as np

X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
Y = np.array([[0, 1, 1, 0]])


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(2)
    W1 = np.random.randn(n_h, n_x) * 0.5
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.5
    b2 = np.zeros((n_y, 1))
    return W1, b1, W2, b2


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, W1, b1, W2, b2):
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def backward_propagation(X, Y, W1, b1, W2, b2):
    m = X.shape[1]
    A2, cache = forward_propagation(X, W1, b1, W2, b2)
    A1 = cache["A1"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


W1, b1, W2, b2 = initialize_parameters(2, 4, 1)
for i in range(3000):
    grads = backward_propagation(X, Y, W1, b1, W2, b2)
    W1 = W1 - 1.2 * grads["dW1"]
    b1 = b1 - 1.2 * grads["db1"]
    W2 = W2 - 1.2 * grads["dW2"]
    b2 = b2 - 1.2 * grads["db2"]
print(forward_propagation(X, W1, b1, W2, b2)[0])
