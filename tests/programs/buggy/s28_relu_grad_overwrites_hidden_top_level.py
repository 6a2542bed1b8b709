# quadrant classifier, ReLU hidden layer, everything at top level
import numpy as np

np.random.seed(8)
X = np.random.uniform(-1, 1, size=(200, 2))
y = ((X[:, 0] > 0) == (X[:, 1] > 0)).astype(float).reshape(200, 1)


def relu(z):
    return np.maximum(z, 0)


def relu_grad(z):
    z[z > 0] = 1  # BUG(ND112): overwrites the caller's array (the cached hidden activation)
    z[z <= 0] = 0
    return z


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


W1 = np.random.randn(2, 8) * 0.8
b1 = np.zeros((1, 8))
W2 = np.random.randn(8, 1) * 0.5
b2 = np.zeros((1, 1))
lr = 0.5
m = X.shape[0]

for i in range(3000):
    a1 = relu(X @ W1 + b1)
    a2 = sigmoid(a1 @ W2 + b2)

    d2 = (a2 - y) / m
    d1 = d2 @ W2.T * relu_grad(a1)
    dW2 = a1.T @ d2
    db2 = np.sum(d2, axis=0, keepdims=True)
    dW1 = X.T @ d1
    db1 = np.sum(d1, axis=0, keepdims=True)

    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2

    if i % 500 == 0:
        loss = -np.mean(y * np.log(a2 + 1e-9) + (1 - y) * np.log(1 - a2 + 1e-9))
        print("iter", i, "loss", loss)

pred = sigmoid(relu(X @ W1 + b1) @ W2 + b2) > 0.5
print("accuracy", (pred == y).mean())
