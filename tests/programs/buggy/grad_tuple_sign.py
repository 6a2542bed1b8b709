import numpy as np

np.random.seed(0)
X = np.random.randn(20, 3)
y = (X[:, :1] * X[:, 1:2] > 0).astype(float)

W1 = np.random.randn(3, 5) * 0.5
b1 = np.zeros(5)
W2 = np.random.randn(5, 1) * 0.5
b2 = np.zeros(1)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def forward(X, W1, b1, W2, b2):
    h = np.tanh(X @ W1 + b1)
    return sigmoid(h @ W2 + b2)


def compute_gradients(X, y, W1, b1, W2, b2):
    m = X.shape[0]
    h = np.tanh(X @ W1 + b1)
    out = sigmoid(h @ W2 + b2)
    d_out = out - y
    dW2 = -(h.T @ d_out) / m  # BUG(ND105): sign flipped
    db2 = d_out.sum(axis=0) / m
    d_h = (d_out @ W2.T) * (1 - h ** 2)
    dW1 = X.T @ d_h / m
    db1 = d_h.sum(axis=0) / m
    return dW1, db1, dW2, db2


for i in range(1000):
    dW1, db1, dW2, db2 = compute_gradients(X, y, W1, b1, W2, b2)
    W1 -= 1.0 * dW1
    b1 -= 1.0 * db1
    W2 -= 1.0 * dW2
    b2 -= 1.0 * db2
print("accuracy", np.mean((forward(X, W1, b1, W2, b2) > 0.5) == y))
