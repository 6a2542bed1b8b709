# course-style functions; the update rebuilds the dict but copies one bias across
import numpy as np


def make_blobs(n, seed=2):
    rng = np.random.RandomState(seed)
    a = rng.randn(2, n) * 0.6 + np.array([[1.5], [1.5]])
    b = rng.randn(2, n) * 0.6 - np.array([[1.5], [1.5]])
    X = np.hstack([a, b])
    Y = np.hstack([np.ones((1, n)), np.zeros((1, n))])
    return X, Y


def init(n_x, n_h):
    np.random.seed(1)
    return {
        "W1": np.random.randn(n_h, n_x) * 0.1,
        "b1": np.full((n_h, 1), 0.1),
        "W2": np.random.randn(1, n_h) * 0.1,
        "b2": np.zeros((1, 1)),
    }


def forward(X, p):
    Z1 = p["W1"] @ X + p["b1"]
    A1 = np.tanh(Z1)
    A2 = 1 / (1 + np.exp(-(p["W2"] @ A1 + p["b2"])))
    return A2, (A1, A2)


def backward(X, Y, p, cache):
    A1, A2 = cache
    m = X.shape[1]
    dZ2 = A2 - Y
    dZ1 = (p["W2"].T @ dZ2) * (1 - A1**2)
    return {
        "dW2": dZ2 @ A1.T / m,
        "db2": dZ2.sum(axis=1, keepdims=True) / m,
        "dW1": dZ1 @ X.T / m,
        "db1": dZ1.sum(axis=1, keepdims=True) / m,
    }


def update(p, g, lr):
    W1 = p["W1"] - lr * g["dW1"]
    b1 = p["b1"]  # BUG(ND108): the hidden bias is carried over, never moved by db1
    W2 = p["W2"] - lr * g["dW2"]
    b2 = p["b2"] - lr * g["db2"]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def model(X, Y, n_h=4, iters=3000, lr=0.8):
    p = init(X.shape[0], n_h)
    for i in range(iters):
        A2, cache = forward(X, p)
        g = backward(X, Y, p, cache)
        p = update(p, g, lr)
        if i % 1000 == 0:
            print(i, float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))))
    return p


if __name__ == "__main__":
    X, Y = make_blobs(50)
    params = model(X, Y)
