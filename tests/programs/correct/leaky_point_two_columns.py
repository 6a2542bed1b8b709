import numpy as np

# column layout (features x samples), leaky ReLU with slope 0.2 in both hidden layers,
# small initial weights (many pre-activations near the kink)
np.random.seed(6)
m = 200
X = np.random.randn(2, m)
Y = (X[0:1] ** 2 + X[1:2] ** 2 < 1.0).astype(float)
ALPHA = 0.2


def leaky(z):
    return np.where(z > 0, z, ALPHA * z)


def leaky_slope(z):
    return np.where(z > 0, 1.0, ALPHA)


W = [None, np.random.randn(16, 2) * 0.5, np.random.randn(16, 16) * 0.25, np.random.randn(1, 16) * 0.25]
b = [None, np.zeros((16, 1)), np.zeros((16, 1)), np.zeros((1, 1))]

for step in range(2000):
    Z1 = W[1] @ X + b[1]
    A1 = leaky(Z1)
    Z2 = W[2] @ A1 + b[2]
    A2 = leaky(Z2)
    A3 = 1 / (1 + np.exp(-(W[3] @ A2 + b[3])))
    dZ3 = (A3 - Y) / m
    dW3 = dZ3 @ A2.T
    dZ2 = (W[3].T @ dZ3) * leaky_slope(Z2)
    dW2 = dZ2 @ A1.T
    dZ1 = (W[2].T @ dZ2) * leaky_slope(Z1)
    dW1 = dZ1 @ X.T
    W[3] -= 0.5 * dW3
    b[3] -= 0.5 * dZ3.sum(axis=1, keepdims=True)
    W[2] -= 0.5 * dW2
    b[2] -= 0.5 * dZ2.sum(axis=1, keepdims=True)
    W[1] -= 0.5 * dW1
    b[1] -= 0.5 * dZ1.sum(axis=1, keepdims=True)
    if step % 500 == 0:
        print(step, float(np.mean((A3 > 0.5) == Y)))
