import numpy as np

np.random.seed(1)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


W1 = np.random.randn(2, 4)
b1 = np.zeros((1, 4))
W2 = np.random.randn(4, 1)
b2 = np.zeros((1, 1))
lr = 0.5
for epoch in range(5000):
    h = sigmoid(X @ W1 + b1)
    out = sigmoid(h @ W2 + b2)
    error = np.mean((out - y) ** 2)
    d_out = 2 * (out - y) / len(X) * out * (1 - out)
    d_h = d_out @ W2.T * h * (1 - h)
    W2 -= lr * h.T @ d_out
    b2 -= lr * d_out.sum(axis=0, keepdims=True)
    W1 -= lr * X.T @ d_h
    b1 -= lr * d_h.sum(axis=0, keepdims=True)
    if epoch % 1000 == 0:
        print(epoch, error)
print(out.round(2))
