# two-layer net with L2 weight decay, course-style helper functions
import numpy as np


def initialize(n_x, n_h, seed=4):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0, 0.6, (n_h, n_x)),
        "b1": np.zeros((n_h, 1)),
        "W2": rng.normal(0, 0.6, (1, n_h)),
        "b2": np.zeros((1, 1)),
    }


def forward(X, p):
    Z1 = p["W1"] @ X + p["b1"]
    A1 = np.tanh(Z1)
    A2 = 1 / (1 + np.exp(-(p["W2"] @ A1 + p["b2"])))
    return A2, {"A1": A1, "A2": A2}


def cost_with_l2(A2, Y, p, lambd):
    m = Y.shape[1]
    cross = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
    return cross + lambd / (2 * m) * (np.sum(p["W1"] ** 2) + np.sum(p["W2"] ** 2))


def backward(X, Y, p, cache, lambd):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m + lambd / m * p["W2"]
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (p["W2"].T @ dZ2) * (1 - cache["A1"] ** 2)
    dW1 = dZ1 @ X.T / m + lambd / m * p["W1"]
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def model(X, Y, n_h=6, learning_rate=1.0, lambd=0.7, iterations=2000):
    p = initialize(X.shape[0], n_h)
    for i in range(iterations):
        A2, cache = forward(X, p)
        cost = cost_with_l2(A2, Y, p, lambd)
        grads = backward(X, Y, p, cache, lambd)
        for key in ("W1", "b1", "W2", "b2"):
            p[key] = p[key] - learning_rate * grads["d" + key]
        if i % 500 == 0:
            print(f"cost after iteration {i}: {cost:.4f}")
    return p


rng = np.random.default_rng(0)
X = rng.normal(size=(2, 200))
Y = (X[0:1] ** 2 + X[1:2] ** 2 < 1.2).astype(float)
params = model(X, Y)
