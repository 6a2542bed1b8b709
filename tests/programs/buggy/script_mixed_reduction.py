import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])

np.random.seed(10)
w1 = np.random.randn(2, 4)
b1 = np.random.randn(1, 4)
w2 = np.random.randn(4, 1)
b2 = np.random.randn(1, 1)
lr = 0.5

for epoch in range(2000):
    h = sigmoid(X @ w1 + b1)
    out = sigmoid(h @ w2 + b2)
    error = out - y
    dw2 = h.T @ error / len(X)  # BUG(ND106): only this gradient is averaged
    db2 = error.sum(axis=0, keepdims=True)
    dh = error @ w2.T * h * (1 - h)
    dw1 = X.T @ dh
    db1 = dh.sum(axis=0, keepdims=True)
    w1 -= lr * dw1
    b1 -= lr * db1
    w2 -= lr * dw2
    b2 -= lr * db2
    if epoch % 500 == 0:
        print(epoch, np.mean(np.abs(error)))
