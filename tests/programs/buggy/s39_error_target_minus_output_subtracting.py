"""Course-style functions, samples in rows, squared error on a sigmoid output; the
error is written target minus output, as in the blog this was adapted from."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def init(n_in, n_hid, seed=4):
    rng = np.random.RandomState(seed)
    return {"W1": rng.randn(n_in, n_hid) * 0.5, "b1": np.zeros((1, n_hid)),
            "W2": rng.randn(n_hid, 1) * 0.5, "b2": np.zeros((1, 1))}


def forward(p, X):
    A1 = sigmoid(X @ p["W1"] + p["b1"])
    A2 = sigmoid(A1 @ p["W2"] + p["b2"])
    return A1, A2


def backward(p, X, Y, A1, A2):
    err = Y - A2  # BUG(ND105): with updates that subtract, the error is A2 - Y
    d2 = err * A2 * (1 - A2)
    d1 = (d2 @ p["W2"].T) * A1 * (1 - A1)
    return {"W1": X.T @ d1, "b1": d1.sum(axis=0, keepdims=True),
            "W2": A1.T @ d2, "b2": d2.sum(axis=0, keepdims=True)}


def update(p, g, rate):
    for key in p:
        p[key] -= rate * g[key]


def fit(X, Y, epochs=2000, rate=0.5):
    p = init(X.shape[1], 6)
    for epoch in range(epochs):
        A1, A2 = forward(p, X)
        g = backward(p, X, Y, A1, A2)
        update(p, g, rate)
        if epoch % 400 == 0:
            print("epoch", epoch, "mse", float(np.mean((A2 - Y) ** 2)))
    return p


if __name__ == "__main__":
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    Y = np.array([[0], [1], [1], [0]], dtype=float)
    fit(X, Y)
