"""XOR with a params dict and cross-entropy; bug: dL/dA and sigma'(Z) are formed separately, which is NaN once an output saturates."""
import numpy as np


def init_params(n_x, n_h, seed=1):
    np.random.seed(seed)
    return {
        "W1": np.random.randn(n_x, n_h) * 0.5,
        "b1": np.zeros((1, n_h)),
        "W2": np.random.randn(n_h, 1) * 0.5,
        "b2": np.zeros((1, 1)),
    }


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(X, params):
    Z1 = X @ params["W1"] + params["b1"]
    A1 = np.tanh(Z1)
    Z2 = A1 @ params["W2"] + params["b2"]
    A2 = sigmoid(Z2)
    return {"A1": A1, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[0]
    A2 = np.clip(A2, 1e-12, 1 - 1e-12)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def backward(X, Y, params, cache):
    m = X.shape[0]
    A1, A2 = cache["A1"], cache["A2"]
    dA2 = -(Y / A2) + (1 - Y) / (1 - A2)
    dZ2 = dA2 * A2 * (1 - A2)  # BUG(ND103): unsimplified BCE*sigmoid chain, divides by zero when A2 hits 0 or 1
    grads = {"W2": A1.T @ dZ2 / m, "b2": np.sum(dZ2, axis=0, keepdims=True) / m}
    dZ1 = (dZ2 @ params["W2"].T) * (1 - A1 ** 2)
    grads["W1"] = X.T @ dZ1 / m
    grads["b1"] = np.sum(dZ1, axis=0, keepdims=True) / m
    return grads


def update(params, grads, learning_rate):
    for key in params:
        params[key] = params[key] - learning_rate * grads[key]
    return params


if __name__ == "__main__":
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = np.array([[0.0], [1.0], [1.0], [0.0]])
    params = init_params(2, 3)
    for i in range(2500):
        cache = forward(X, params)
        grads = backward(X, Y, params, cache)
        params = update(params, grads, learning_rate=1.2)
        if i % 500 == 0:
            print("iteration", i, "cost", round(compute_cost(cache["A2"], Y), 5))
    print("final outputs:", forward(X, params)["A2"].T.round(3))
