"""Two-blob classifier with forward/backward functions (tanh hidden, sigmoid output, cross-entropy); flaw: labels are -1/+1, which a sigmoid cannot output."""
import numpy as np

np.random.seed(3)
n = 40
blob_a = np.random.randn(n // 2, 2) * 0.6 + np.array([1.5, 1.0])
blob_b = np.random.randn(n // 2, 2) * 0.6 + np.array([-1.0, -1.5])
X = np.vstack([blob_a, blob_b])
# BUG(ND309): perceptron-style labels -1/+1, but the output is a sigmoid in (0, 1)
y = np.vstack([np.ones((n // 2, 1)), -np.ones((n // 2, 1))])


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(X, params):
    h = np.tanh(X @ params["W1"] + params["b1"])
    p = sigmoid(h @ params["W2"] + params["b2"])
    return h, p


def backward(X, y, h, p, params):
    m = X.shape[0]
    dz2 = (p - y) / m
    dz1 = (dz2 @ params["W2"].T) * (1.0 - h ** 2)
    return {
        "W2": h.T @ dz2,
        "b2": dz2.sum(axis=0, keepdims=True),
        "W1": X.T @ dz1,
        "b1": dz1.sum(axis=0, keepdims=True),
    }


def cross_entropy(p, y):
    eps = 1e-12
    return -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))


params = {
    "W1": np.random.randn(2, 5) * 0.5,
    "b1": np.zeros((1, 5)),
    "W2": np.random.randn(5, 1) * 0.5,
    "b2": np.zeros((1, 1)),
}
alpha = 0.5

for step in range(1500):
    h, p = forward(X, params)
    grads = backward(X, y, h, p, params)
    for key in params:
        params[key] -= alpha * grads[key]
    if step % 300 == 0:
        print(f"step {step:4d}  loss {cross_entropy(p, y):.4f}")

_, p = forward(X, params)
accuracy = np.mean((p > 0.5) == (y > 0))
print("accuracy:", accuracy)
