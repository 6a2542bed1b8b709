# course-style column layout (X is (features, m)), a cache dict, and a ReLU layer whose
# backward step passes dA1 on as dZ1
import numpy as np

np.random.seed(3)
m = 240
X = np.random.randn(2, m)
Y = (X[0:1] ** 2 + X[1:2] ** 2 < 1.2).astype(float)


def init(n_x, n_h):
    return {
        "W1": np.random.randn(n_h, n_x) * np.sqrt(2.0 / n_x),
        "b1": np.zeros((n_h, 1)),
        "W2": np.random.randn(1, n_h) * np.sqrt(1.0 / n_h),
        "b2": np.zeros((1, 1)),
    }


def forward(X, p):
    Z1 = p["W1"] @ X + p["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "A2": A2}


def backward(X, Y, p, cache):
    n = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / n
    db2 = np.sum(dZ2, axis=1, keepdims=True) / n
    dA1 = p["W2"].T @ dZ2
    dZ1 = dA1  # BUG(ND110): the ReLU's derivative (Z1 > 0) is never applied
    dW1 = dZ1 @ X.T / n
    db1 = np.sum(dZ1, axis=1, keepdims=True) / n
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


params = init(2, 8)
for i in range(2500):
    A2, cache = forward(X, params)
    grads = backward(X, Y, params, cache)
    for key in ("W1", "b1", "W2", "b2"):
        params[key] = params[key] - 0.5 * grads["d" + key]
    if i % 500 == 0:
        print(i, float(-np.mean(Y * np.log(A2 + 1e-9) + (1 - Y) * np.log(1 - A2 + 1e-9))))
