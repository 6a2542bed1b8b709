import numpy as np

rng = np.random.default_rng(5)
pts = rng.normal(size=(160, 2))
lab = (pts[:, :1] * pts[:, 1:] > 0).astype(float)  # XOR of the signs: no line separates it


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def logistic_baseline(X, y, epochs=500, lr=0.5):
    """A straight line first, to show why a hidden layer is needed."""
    w = np.zeros((X.shape[1], 1))
    b = 0.0
    for _ in range(epochs):
        p = sigmoid(X @ w + b)
        w -= lr * X.T @ (p - y) / len(X)
        b -= lr * float(np.mean(p - y))
    return np.mean((p > 0.5) == y)


def mlp(X, y, hidden=8, epochs=3000, lr=1.0):
    W1 = rng.normal(size=(X.shape[1], hidden))
    b1 = np.zeros((1, hidden))
    W2 = rng.normal(size=(hidden, 1))
    b2 = np.zeros((1, 1))
    for _ in range(epochs):
        A1 = sigmoid(X @ W1 + b1)
        A2 = sigmoid(A1 @ W2 + b2)
        loss = -np.mean(y * np.log(A2) + (1 - y) * np.log(1 - A2))
        dZ2 = (A2 - y) * A2 * (1 - A2) / len(X)  # BUG(ND104): the squared-error delta with BCE
        dZ1 = dZ2 @ W2.T * A1 * (1 - A1)
        W2 -= lr * A1.T @ dZ2
        b2 -= lr * dZ2.sum(axis=0, keepdims=True)
        W1 -= lr * X.T @ dZ1
        b1 -= lr * dZ1.sum(axis=0, keepdims=True)
    return np.mean((A2 > 0.5) == y), loss


print("logistic regression:", logistic_baseline(pts, lab))
print("two-layer network:", mlp(pts, lab))
