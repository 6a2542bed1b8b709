import numpy as np

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])

np.random.seed(3)
params = {
    "W1": np.random.randn(2, 6),
    "b1": np.full((1, 6), 0.1),
    "W2": np.random.randn(6, 1),
    "b2": np.zeros((1, 1)),
}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def relu_backward(Z):
    Z[Z <= 0] = 0  # BUG(ND112): changes the cached pre-activation in place
    Z[Z > 0] = 1
    return Z


def forward(X, params):
    Z1 = X @ params["W1"] + params["b1"]
    A1 = np.maximum(Z1, 0)
    A2 = sigmoid(A1 @ params["W2"] + params["b2"])
    return A2, {"Z1": Z1, "A1": A1, "A2": A2}


def backward(params, cache, X, Y):
    dZ2 = cache["A2"] - Y
    dW2 = cache["A1"].T @ dZ2
    db2 = dZ2.sum(axis=0, keepdims=True)
    dZ1 = dZ2 @ params["W2"].T * relu_backward(cache["Z1"])
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


for i in range(1000):
    A2, cache = forward(X, params)
    grads = backward(params, cache, X, Y)
    for k in params:
        params[k] -= 0.5 * grads["d" + k]
print(forward(X, params)[0].ravel())
