import numpy as np


def sig(z):
    return 1 / (1 + np.exp(-z))


def train(X, y, hidden=6, lr=60.0, epochs=800):  # BUG(ND308): summed gradients need a rate near 0.5
    rng = np.random.default_rng(0)
    W1 = rng.normal(0, 1, (X.shape[1], hidden))
    b1 = np.zeros(hidden)
    W2 = rng.normal(0, 1, (hidden, 1))
    b2 = np.zeros(1)
    for e in range(epochs):
        H = sig(X @ W1 + b1)
        P = sig(H @ W2 + b2)
        err = P - y
        gW2 = H.T @ (err * P * (1 - P))
        gb2 = (err * P * (1 - P)).sum(0)
        dH = (err * P * (1 - P)) @ W2.T * H * (1 - H)
        W2 -= lr * gW2
        b2 -= lr * gb2
        W1 -= lr * X.T @ dH
        b1 -= lr * dH.sum(0)
        if e % 100 == 0:
            print(e, float(np.mean(err ** 2)))
    return W1, b1, W2, b2


if __name__ == "__main__":
    g = np.random.default_rng(1)
    X = g.normal(size=(200, 2))
    y = (X[:, :1] + X[:, 1:] > 0).astype(float)
    train(X, y)
