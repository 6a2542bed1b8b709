"""Course-style helpers: linear/activation forward and backward with caches, a two-layer
model; the gradient handed to the sigmoid's backward is the wrong one for the cost."""
import numpy as np


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return np.maximum(0, Z), Z


def sigmoid_backward(dA, cache):
    s = 1 / (1 + np.exp(-cache))
    return dA * s * (1 - s)


def relu_backward(dA, cache):
    dZ = np.array(dA, copy=True)
    dZ[cache <= 0] = 0
    return dZ


def forward_step(A_prev, W, b, kind):
    Z = W @ A_prev + b
    A, act_cache = sigmoid(Z) if kind == "sigmoid" else relu(Z)
    return A, ((A_prev, W, b), act_cache)


def backward_step(dA, cache, kind):
    (A_prev, W, b), act_cache = cache
    dZ = sigmoid_backward(dA, act_cache) if kind == "sigmoid" else relu_backward(dA, act_cache)
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


np.random.seed(2)
X = np.random.randn(2, 200)
Y = (X[0:1] ** 2 + X[1:2] ** 2 < 1.2).astype(float)
W1, b1 = np.random.randn(6, 2) * 0.5, np.zeros((6, 1))
W2, b2 = np.random.randn(1, 6) * 0.5, np.zeros((1, 1))
for i in range(2500):
    A1, cache1 = forward_step(X, W1, b1, "relu")
    A2, cache2 = forward_step(A1, W2, b2, "sigmoid")
    cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    dA2 = A2 - Y  # BUG(ND104): the cost's gradient is -(Y / A2 - (1 - Y) / (1 - A2)); A2 - Y is already dZ2
    dA1, dW2, db2 = backward_step(dA2, cache2, "sigmoid")
    _, dW1, db1 = backward_step(dA1, cache1, "relu")
    W1, b1 = W1 - 1.0 * dW1, b1 - 1.0 * db1
    W2, b2 = W2 - 1.0 * dW2, b2 - 1.0 * db2
    if i % 500 == 0:
        print(i, cost)
