# "I followed the tutorial: column vectors, squared error, one sample at a time.
#  The exercise asks: extend it to full-batch gradient descent. Which converges faster?"
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)

np.random.seed(1)
W1 = np.random.randn(3, 2)
b1 = np.random.randn(3, 1)
W2 = np.random.randn(1, 3)
b2 = np.random.randn(1, 1)
lr = 0.5


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def mse_loss(a2, y):
    return 0.5 * np.sum((a2 - y) ** 2)


def train_step(x, y, W1, b1, W2, b2, lr):
    # one sample: x is a column (2, 1), y is (1, 1)
    z1 = W1 @ x + b1
    a1 = sigmoid(z1)
    z2 = W2 @ a1 + b2
    a2 = sigmoid(z2)
    dz2 = (a2 - y) * a2 * (1 - a2)
    dW2 = dz2 @ a1.T
    db2 = dz2
    dz1 = (W2.T @ dz2) * a1 * (1 - a1)
    dW1 = dz1 @ x.T
    db1 = dz1
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2


def mean_loss(W1, b1, W2, b2):
    a2 = sigmoid(W2 @ sigmoid(W1 @ X.T + b1) + b2)
    return mse_loss(a2, y.T) / len(X)


for epoch in range(3000):
    for xi, yi in zip(X, y):
        W1, b1, W2, b2 = train_step(xi.reshape(-1, 1), yi.reshape(-1, 1), W1, b1, W2, b2, lr)
    if epoch % 500 == 0:
        print(f"epoch {epoch}: loss {mean_loss(W1, b1, W2, b2):.4f}")

print(f"final loss {mean_loss(W1, b1, W2, b2):.4f}")
