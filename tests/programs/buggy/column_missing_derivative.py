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
    z1 = W1 @ x + b1
    a1 = sigmoid(z1)
    z2 = W2 @ a1 + b2
    a2 = sigmoid(z2)
    dz2 = (a2 - y) * a2 * (1 - a2)
    dW2 = dz2 @ a1.T
    db2 = dz2
    dz1 = W2.T @ dz2  # BUG(ND110): hidden derivative missing
    dW1 = dz1 @ x.T
    db1 = dz1
    W1 = W1 - lr * dW1
    b1 = b1 - lr * db1
    W2 = W2 - lr * dW2
    b2 = b2 - lr * db2
    return W1, b1, W2, b2


for epoch in range(1000):
    for xi, yi in zip(X, y):
        W1, b1, W2, b2 = train_step(xi.reshape(-1, 1), yi.reshape(-1, 1), W1, b1, W2, b2, lr)
print(sigmoid(W2 @ sigmoid(W1 @ X.T + b1) + b2))
