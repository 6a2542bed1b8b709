import numpy as np

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def init_params(n_x, n_h):
    np.random.seed(3)
    return {
        "W1": np.random.randn(n_x, n_h) * 0.8,
        "b1": np.full((1, n_h), 0.1),
        "W2": np.random.randn(n_h, 1) * 0.8,
        "b2": np.zeros((1, 1)),
    }


def relu(z):
    return np.maximum(0, z)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(X, params):
    Z1 = X @ params["W1"] + params["b1"]
    A1 = relu(Z1)
    Z2 = A1 @ params["W2"] + params["b2"]
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_loss(A2, Y):
    m = Y.shape[0]
    return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m


def backward(params, cache, X, Y):
    m = X.shape[0]
    dZ2 = cache["A2"] - Y
    dW2 = cache["A1"].T @ dZ2 / m
    db2 = np.sum(dZ2, axis=0, keepdims=True) / m
    dA1 = dZ2 @ params["W2"].T
    dZ1 = dA1 * (cache["Z1"] > 0)
    dW1 = dZ1.T @ X / m  # BUG(ND107): transposed
    db1 = np.sum(dZ1, axis=0, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


params = init_params(2, 8)
for epoch in range(2000):
    A2, cache = forward(X, params)
    grads = backward(params, cache, X, Y)
    for key in ("W1", "b1", "W2", "b2"):
        params[key] -= 0.5 * grads["d" + key]
    if epoch % 500 == 0:
        print(epoch, compute_loss(A2, Y))
