import numpy as np


def sigm(t):
    return 1.0 / (1.0 + np.exp(-t))


def make_data(n=220, seed=9):
    r = np.random.default_rng(seed)
    A = r.normal(size=(n, 4))
    label = ((A[:, 0] - 0.5) * (A[:, 1] + 0.3) + 0.2 * A[:, 2] > 0).astype(int)
    return (A - A.mean(0)) / A.std(0), label.reshape(-1, 1).astype(float)


def linear_baseline(X, y, lr=0.05, epochs=50, seed=0):
    r = np.random.default_rng(seed)
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(epochs):
        for i in r.permutation(len(X)):
            p = sigm(X[i] @ w + b)
            w -= lr * (p - y[i, 0]) * X[i]
            b -= lr * (p - y[i, 0])
    return w, b


def train_net(X, y, hidden, lr, epochs, seed):
    r = np.random.default_rng(seed)
    A = r.normal(0, 1, (X.shape[1], hidden))
    a = np.zeros(hidden)
    B = r.normal(0, 1, (hidden, 1))
    c = np.zeros(1)
    for _ in range(epochs):
        for i in r.permutation(len(X)):
            x, t = X[i:i + 1], y[i:i + 1]
            h = sigm(x @ A + a)
            o = sigm(h @ B + c)
            e2 = o - t
            e1 = (e2 @ B.T) * h * (1 - h)
            B -= lr * h.T @ e2
            c -= lr * e2[0]
            A -= lr * x.T @ e1
            a -= lr * e1[0]
    return A, a, B, c


def main():
    X, y = make_data()
    Xtr, ytr, Xva, yva = X[:180], y[:180], X[180:], y[180:]
    w, b = linear_baseline(Xtr, ytr)
    print("baseline", np.mean((sigm(Xva @ w + b) > 0.5) == yva[:, 0]))
    for hidden in (3, 6):
        A, a, B, c = train_net(Xtr, ytr, hidden, 0.1, 20, seed=hidden)
        print(hidden, np.mean((sigm(sigm(Xva @ A + a) @ B + c) > 0.5) == yva))


if __name__ == "__main__":
    main()
