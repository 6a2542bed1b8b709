# stops as soon as the error is small enough... but it takes forever, why?
import numpy as np


def sig(z):
    return 1 / (1 + np.exp(-z))


def fit(X, T, n_hidden=5, lr=2.0, tol=0.02, max_epochs=20000):
    np.random.seed(3)
    V = np.random.uniform(-1, 1, (X.shape[1], n_hidden))
    c = np.zeros(n_hidden)
    w = np.random.uniform(-1, 1, (n_hidden, 1))
    d = np.zeros(1)
    for epoch in range(max_epochs):
        H = sig(X @ V + c)
        P = sig(H @ w + d)
        err = 0.5 * np.sum((P - T) ** 2)
        if err < tol:
            print("converged at", epoch)
            return V, c, w, d
        delta_out = (P - T) * P * (1 - P)
        delta_hid = delta_out @ w.T * H  # BUG(ND109): the activation, not its derivative H * (1 - H)
        w -= lr * H.T @ delta_out
        d -= lr * delta_out.sum(axis=0)
        V -= lr * X.T @ delta_hid
        c -= lr * delta_hid.sum(axis=0)
    print("gave up")
    return V, c, w, d


if __name__ == "__main__":
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    T = np.array([[0], [1], [1], [0]], float)
    V, c, w, d = fit(X, T)
    print(sig(sig(X @ V + c) @ w + d).round(3))
