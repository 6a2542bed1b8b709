import numpy as np


def make_moons(n, rng):
    t = rng.uniform(0, np.pi, n)
    top = np.c_[np.cos(t), np.sin(t)]
    bottom = np.c_[1 - np.cos(t), 0.5 - np.sin(t)]
    X = np.r_[top, bottom] + rng.normal(0, 0.1, (2 * n, 2))
    y = np.r_[np.zeros(n), np.ones(n)][:, None]
    return X, y


def train(X_tr, y_tr, X_val, y_val, hidden=8, lr0=1.0, decay=0.01, epochs=400, patience=30):
    rng = np.random.default_rng(1)
    Wa = rng.normal(0, 1 / np.sqrt(2), (2, hidden))
    ba = np.zeros(hidden)
    Wb = rng.normal(0, 1 / np.sqrt(hidden), (hidden, 1))
    bb = np.zeros(1)
    best, wait = np.inf, 0
    for epoch in range(epochs):
        lr = lr0 / (1 + decay * epoch)
        H = np.tanh(np.matmul(X_tr, Wa) + ba)
        P = 1 / (1 + np.exp(-(np.matmul(H, Wb) + bb)))
        G = (P - y_tr) / len(X_tr)
        gWb = np.matmul(H.T, G)
        gbb = G.sum(0)
        GH = np.matmul(G, Wb.T) * (1 - H ** 2)
        gWa = np.matmul(X_tr.T, GH)
        gba = GH.sum(0)
        Wa, ba, Wb, bb = Wa - lr * gWa, ba - lr * gba, Wb - lr * gWb, bb - lr * gbb
        Pv = 1 / (1 + np.exp(-(np.tanh(X_val @ Wa + ba) @ Wb + bb)))
        val = -np.mean(y_val * np.log(Pv + 1e-12) + (1 - y_val) * np.log(1 - Pv + 1e-12))
        if val < best - 1e-4:
            best, wait = val, 0
        else:
            wait += 1
            if wait > patience:
                print("early stop at", epoch)
                break
    return Wa, ba, Wb, bb


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X, y = make_moons(200, rng)
    idx = rng.permutation(len(X))
    tr, va = idx[:300], idx[300:]
    train(X[tr], y[tr], X[va], y[va])
