"""Column-layout XOR network (W @ X) with forward/backward functions; bug: the output goes through sigmoid twice."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def predict_proba(z):
    return sigmoid(z)


def forward_pass(X, W1, b1, W2, b2):
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    return A1, predict_proba(A2)  # BUG(ND202): A2 is already a sigmoid output, squashed a second time


def backward_pass(X, Y, A1, A2, W2):
    m = X.shape[1]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return dW1, db1, dW2, db2


if __name__ == "__main__":
    np.random.seed(2)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    Y = np.array([[0, 1, 1, 0]], dtype=float)
    W1 = np.random.randn(4, 2)
    b1 = np.zeros((4, 1))
    W2 = np.random.randn(1, 4)
    b2 = np.zeros((1, 1))
    lr = 0.5
    for i in range(1000):
        A1, A2 = forward_pass(X, W1, b1, W2, b2)
        dW1, db1, dW2, db2 = backward_pass(X, Y, A1, A2, W2)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
        if i % 200 == 0:
            cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
            print(f"{i:5d} cost {cost:.4f}")
    print("outputs:", forward_pass(X, W1, b1, W2, b2)[1].round(3))
