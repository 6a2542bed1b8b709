"""forward/backward functions with a params dict and a squared-error loss function; the
backward drops the loss's factor 2 and sums over samples: every gradient is half the
true one (a learning rate halved), which netdoctor reports as a convention."""

import numpy as np


def init(n_in, n_hidden, seed=1):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.standard_normal((n_in, n_hidden)),
        "b1": np.zeros((1, n_hidden)),
        "W2": rng.standard_normal((n_hidden, 1)),
        "b2": np.zeros((1, 1)),
    }


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(X, params):
    h = np.maximum(0.0, X @ params["W1"] + params["b1"])
    out = sigmoid(h @ params["W2"] + params["b2"])
    return out, h


def squared_error(out, Y):
    return np.sum((out - Y) ** 2)


def backward(X, Y, params):
    out, h = forward(X, params)
    d_out = (out - Y) * out * (1 - out)
    d_h = (d_out @ params["W2"].T) * (h > 0)
    return {
        "W1": X.T @ d_h,
        "b1": d_h.sum(axis=0, keepdims=True),
        "W2": h.T @ d_out,
        "b2": d_out.sum(axis=0, keepdims=True),
    }


def train(X, Y, epochs=2000, lr=0.5):
    params = init(X.shape[1], 5)
    for epoch in range(epochs):
        grads = backward(X, Y, params)
        for key in params:
            params[key] -= lr * grads[key]
        if epoch % 500 == 0:
            print(epoch, squared_error(forward(X, params)[0], Y))
    return params


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    data = rng.uniform(-1, 1, size=(40, 2))
    labels = (data[:, :1] * data[:, 1:] > 0).astype(float)
    train(data, labels)
