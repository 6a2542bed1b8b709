"""Minimal 2-2-1 XOR network in column layout with a while loop; bug: the first-layer gradient is transposed (square, so it runs)."""
import numpy as np

np.random.seed(4)

# one sample per column
X = np.array([[0, 0, 1, 1],
              [0, 1, 0, 1]], dtype=float)
Y = np.array([[0, 1, 1, 0]], dtype=float)
m = X.shape[1]

W1 = np.random.uniform(-1, 1, (2, 2))
b1 = np.zeros((2, 1))
W2 = np.random.uniform(-1, 1, (1, 2))
b2 = np.zeros((1, 1))
lr = 2.0


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def cost(A2, Y):
    A2 = np.clip(A2, 1e-10, 1 - 1e-10)
    return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m


epoch = 0
while epoch < 4000:
    Z1 = W1 @ X + b1
    A1 = sigmoid(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)

    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * A1 * (1 - A1)
    dW1 = X @ dZ1.T / m  # BUG(ND107): transposed, should be dZ1 @ X.T (shapes agree only because W1 is 2x2)
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2

    if epoch % 1000 == 0:
        print("epoch", epoch, "cost", cost(A2, Y))
    epoch += 1

print("predictions", np.round(A2, 3))
