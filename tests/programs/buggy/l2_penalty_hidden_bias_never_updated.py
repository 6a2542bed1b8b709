"""An L2 penalty on both weight gradients (`+ lam / m * W`) and the hidden bias never
updated: the penalty is recognised for the weights, and only the bias is the bug."""
import numpy as np

rng = np.random.default_rng(40)
X = rng.normal(size=(120, 3))
y = (X @ np.array([[1.0], [-2.0], [0.5]]) + 0.3 > 0).astype(float)
m = len(X)
lam = 0.1
W1, b1 = rng.normal(0, 0.5, (3, 6)), np.zeros((1, 6))
W2, b2 = rng.normal(0, 0.5, (6, 1)), np.zeros((1, 1))

for epoch in range(1500):
    A1 = np.tanh(X @ W1 + b1)
    A2 = 1 / (1 + np.exp(-(A1 @ W2 + b2)))
    dZ2 = A2 - y
    dW2 = A1.T @ dZ2 / m + lam / m * W2
    db2 = dZ2.sum(axis=0, keepdims=True) / m
    dZ1 = dZ2 @ W2.T * (1 - A1**2)
    dW1 = X.T @ dZ1 / m + lam / m * W1
    db1 = dZ1.sum(axis=0, keepdims=True) / m
    W1 -= 0.8 * dW1
    W2 -= 0.8 * dW2
    b2 -= 0.8 * db2  # BUG(ND108): b1 is never updated, here beside b2
    if epoch % 500 == 0:
        print(epoch, float(np.mean((A2 > 0.5) == y)))
