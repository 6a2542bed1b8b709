import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(X, W1, b1, W2, b2):
    Z1 = W1 @ X + b1
    A1 = sigmoid(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def backward(X, Y, W2, Z1, A1, A2):
    m = X.shape[1]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * Z1 * (1 - Z1)  # BUG(ND102): a*(1-a) written with the pre-activation
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return dW1, db1, dW2, db2


def main():
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    rng = np.random.default_rng(1)
    W1, b1 = rng.normal(size=(3, 2)), np.zeros((3, 1))
    W2, b2 = rng.normal(size=(1, 3)), np.zeros((1, 1))
    for it in range(1000):
        Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
        dW1, db1, dW2, db2 = backward(X, Y, W2, Z1, A1, A2)
        W1, b1 = W1 - 1.0 * dW1, b1 - 1.0 * db1
        W2, b2 = W2 - 1.0 * dW2, b2 - 1.0 * db2
    print(A2.round(2))


if __name__ == "__main__":
    main()
