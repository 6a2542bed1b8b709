"""Two-blob classifier with a tanh hidden layer; bug: the cross-entropy takes np.log of the outputs unclipped."""
import numpy as np


def make_blobs(n=40, seed=3):
    np.random.seed(seed)
    a = np.random.randn(n, 2) * 0.6 + np.array([1.5, 1.5])
    b = np.random.randn(n, 2) * 0.6 + np.array([-1.5, -1.5])
    X = np.vstack([a, b])
    Y = np.vstack([np.ones((n, 1)), np.zeros((n, 1))])
    return X, Y


def init_params(n_in, n_hidden):
    return {
        "W1": np.random.randn(n_in, n_hidden) * 0.5,
        "b1": np.zeros((1, n_hidden)),
        "W2": np.random.randn(n_hidden, 1) * 0.5,
        "b2": np.zeros((1, 1)),
    }


def forward(X, params):
    Z1 = X @ params["W1"] + params["b1"]
    A1 = np.tanh(Z1)
    Z2 = A1 @ params["W2"] + params["b2"]
    A2 = 1.0 / (1.0 + np.exp(-Z2))
    return A2, {"A1": A1, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[0]
    return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m  # BUG(ND204): no clipping, log(0) once A2 saturates


def backward(X, Y, params, cache):
    m = X.shape[0]
    dZ2 = (cache["A2"] - Y) / m
    dW2 = cache["A1"].T @ dZ2
    db2 = dZ2.sum(axis=0, keepdims=True)
    dZ1 = (dZ2 @ params["W2"].T) * (1 - cache["A1"] ** 2)
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0, keepdims=True)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


if __name__ == "__main__":
    X, Y = make_blobs()
    params = init_params(2, 5)
    learning_rate = 0.5
    for i in range(1500):
        A2, cache = forward(X, params)
        cost = compute_cost(A2, Y)
        grads = backward(X, Y, params, cache)
        for key in params:
            params[key] -= learning_rate * grads[key]
        if i % 300 == 0:
            print(f"iteration {i}: cost = {cost:.5f}")
    A2, _ = forward(X, params)
    accuracy = np.mean((A2 > 0.5) == Y)
    print(f"train accuracy: {accuracy:.2%}")
