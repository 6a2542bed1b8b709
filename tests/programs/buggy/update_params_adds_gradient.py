# a layer-dims network; update_parameters adds the gradient to one weight in place
import numpy as np

np.random.seed(5)
X = np.random.rand(2, 120) * 2 - 1
Y = (X[0:1] * X[1:2] > 0).astype(float)
layer_dims = [2, 6, 1]


def initialize(dims):
    params = {}
    for l in range(1, len(dims)):
        params["W" + str(l)] = np.random.randn(dims[l], dims[l - 1]) * 0.5
        params["b" + str(l)] = np.zeros((dims[l], 1))
    return params


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(X, params):
    Z1 = params["W1"] @ X + params["b1"]
    A1 = np.maximum(0, Z1)
    A2 = sigmoid(params["W2"] @ A1 + params["b2"])
    return A2, {"Z1": Z1, "A1": A1, "A2": A2}


def backward(params, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    grads = {"dW2": dZ2 @ cache["A1"].T / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m}
    dZ1 = params["W2"].T @ dZ2 * (cache["Z1"] > 0)
    grads["dW1"] = dZ1 @ X.T / m
    grads["db1"] = np.sum(dZ1, axis=1, keepdims=True) / m
    return grads


def update_parameters(params, grads, learning_rate):
    params["W1"] -= learning_rate * grads["dW1"]
    params["b1"] -= learning_rate * grads["db1"]
    params["W2"] += learning_rate * grads["dW2"]  # BUG(ND105): up the gradient, not down
    params["b2"] -= learning_rate * grads["db2"]
    return params


params = initialize(layer_dims)
for i in range(2500):
    A2, cache = forward(X, params)
    grads = backward(params, cache, X, Y)
    params = update_parameters(params, grads, 0.5)
    if i % 500 == 0:
        cost = -np.mean(Y * np.log(A2 + 1e-9) + (1 - Y) * np.log(1 - A2 + 1e-9))
        print(f"iteration {i}: cost {cost:.4f}")
