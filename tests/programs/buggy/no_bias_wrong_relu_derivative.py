import numpy as np

np.random.seed(4)
X = np.random.rand(8, 3)
y = (X.sum(axis=1, keepdims=True) > 1.5).astype(float)
W1 = np.random.randn(3, 6) * 0.5
W2 = np.random.randn(6, 1) * 0.5


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def predict(X, W1, W2):
    return sigmoid(np.maximum(X @ W1, 0) @ W2)


def grads(X, y, W1, W2):
    h_in = X @ W1
    h = np.maximum(h_in, 0)
    p = sigmoid(h @ W2)
    d_out = p - y
    dW2 = h.T @ d_out
    d_h = d_out @ W2.T * (h > 0.5)  # BUG(ND100): ReLU derivative thresholded at 0.5
    dW1 = X.T @ d_h
    return dW1, dW2


for it in range(500):
    dW1, dW2 = grads(X, y, W1, W2)
    W1 -= 0.1 * dW1
    W2 -= 0.1 * dW2
print(predict(X, W1, W2).ravel().round(2))
