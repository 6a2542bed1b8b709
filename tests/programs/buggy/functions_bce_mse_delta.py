import numpy as np


def bce(y, p):
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def predict(W1, b1, W2, b2, X):
    H = sigmoid(X @ W1 + b1)
    return H, sigmoid(H @ W2 + b2)


def grads(W1, b1, W2, b2, X, Y):
    H, P = predict(W1, b1, W2, b2, X)
    dZ2 = (P - Y) * P * (1 - P)  # BUG(ND104): the squared-error delta, while the loss is bce
    dZ1 = dZ2 @ W2.T * H * (1 - H)
    return X.T @ dZ1, dZ1.sum(axis=0), H.T @ dZ2, dZ2.sum(axis=0)


def run(X, Y, hidden=4, epochs=1500, lr=2.0):
    rng = np.random.default_rng(5)
    W1, b1 = rng.normal(size=(X.shape[1], hidden)), np.zeros(hidden)
    W2, b2 = rng.normal(size=(hidden, 1)), np.zeros(1)
    for e in range(epochs):
        gW1, gb1, gW2, gb2 = grads(W1, b1, W2, b2, X, Y)
        W1, b1, W2, b2 = W1 - lr * gW1, b1 - lr * gb1, W2 - lr * gW2, b2 - lr * gb2
        if e % 300 == 0:
            print(e, bce(Y, predict(W1, b1, W2, b2, X)[1]))
    return W1, b1, W2, b2


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([[0], [1], [1], [0]], dtype=float)
weights = run(X, Y)
