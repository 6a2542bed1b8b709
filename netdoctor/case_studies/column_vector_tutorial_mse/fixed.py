# The tutorial's network extended to full-batch gradient descent: all samples at once,
# as columns of X (2, m); gradients averaged over the batch.
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float).T  # (2, m): one column per sample
y = np.array([[0, 1, 1, 0]], dtype=float)  # (1, m)

np.random.seed(1)
W1 = np.random.randn(3, 2)
b1 = np.random.randn(3, 1)
W2 = np.random.randn(1, 3)
b2 = np.random.randn(1, 1)
lr = 2.0  # 0.5 x m: with averaged gradients, the same distance per epoch as 4 per-sample steps


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def mse_loss(a2, y):
    return 0.5 * np.sum((a2 - y) ** 2)


def train_step(X, y, W1, b1, W2, b2, lr):
    m = X.shape[1]
    z1 = W1 @ X + b1
    a1 = sigmoid(z1)
    z2 = W2 @ a1 + b2
    a2 = sigmoid(z2)
    dz2 = (a2 - y) * a2 * (1 - a2)
    dW2 = dz2 @ a1.T / m
    db2 = dz2.sum(axis=1, keepdims=True) / m
    dz1 = (W2.T @ dz2) * a1 * (1 - a1)
    dW1 = dz1 @ X.T / m
    db1 = dz1.sum(axis=1, keepdims=True) / m
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2


def mean_loss(W1, b1, W2, b2):
    a2 = sigmoid(W2 @ sigmoid(W1 @ X + b1) + b2)
    return mse_loss(a2, y) / X.shape[1]


for epoch in range(3000):
    W1, b1, W2, b2 = train_step(X, y, W1, b1, W2, b2, lr)
    if epoch % 500 == 0:
        print(f"epoch {epoch}: loss {mean_loss(W1, b1, W2, b2):.4f}")

print(f"final loss {mean_loss(W1, b1, W2, b2):.4f}")
