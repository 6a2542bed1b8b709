# XOR, 2-3-1, column vectors, everything inside main(). "My loss never moves from 0.693."
import numpy as np


def sig(x):
    return 1 / (1 + np.exp(-x))


def main():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    Y = np.array([[0, 1, 1, 0]], dtype=float)
    W1 = np.zeros((3, 2))  # BUG(ND307): zero weights: every hidden unit is the same unit
    b1 = np.zeros((3, 1))
    W2 = np.zeros((1, 3))
    b2 = np.zeros((1, 1))
    m = X.shape[0]
    for it in range(2000):
        A1 = sig(W1 @ X.T + b1)
        A2 = sig(W2 @ A1 + b2)
        dZ2 = A2 - Y
        dW2 = dZ2 @ A1.T / m
        db2 = dZ2.mean(axis=1, keepdims=True)
        dZ1 = W2.T @ dZ2 * A1 * (1 - A1)
        dW1 = dZ1 @ X / m
        db1 = dZ1.mean(axis=1, keepdims=True)
        W1 -= 2.0 * dW1; b1 -= 2.0 * db1; W2 -= 2.0 * dW2; b2 -= 2.0 * db2  # noqa: E702
        if it % 500 == 0:
            loss = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
            print("iteration", it, "loss", loss)
    print(A2)


main()
