"""Two-moons-ish data, one sample at a time, ReLU hidden layer, weights kept in a dict."""
import numpy as np


def make_data(n=100, seed=4):
    r = np.random.RandomState(seed)
    ang = r.uniform(0, np.pi, n)
    upper = np.c_[np.cos(ang), np.sin(ang)]
    lower = np.c_[1 - np.cos(ang), 0.5 - np.sin(ang)]
    X = np.vstack([upper, lower]) + r.normal(0, 0.1, (2 * n, 2))
    y = np.r_[np.zeros(n), np.ones(n)]
    return X, y


def sigmoid(s):
    return 1.0 / (1.0 + np.exp(-s))


def predict(model, x):
    h = np.maximum(0, x @ model["W1"] + model["b1"])
    return sigmoid(h @ model["w2"] + model["b2"])


def train(X, y, hidden=16, lr=0.02, epochs=100):
    r = np.random.RandomState(0)
    model = {
        "W1": r.randn(X.shape[1], hidden) * np.sqrt(2.0 / X.shape[1]),
        "b1": np.zeros(hidden),
        "w2": r.randn(hidden) * 0.3,
        "b2": np.float32(0.0),
    }
    for ep in range(epochs):
        total = 0.0
        for i in range(len(X)):
            x, t = X[i], y[i]
            pre = x @ model["W1"] + model["b1"]
            h = np.maximum(0, pre)
            p = sigmoid(h @ model["w2"] + model["b2"])
            total += -(t * np.log(p + 1e-12) + (1 - t) * np.log(1 - p + 1e-12))

            g_out = p - t
            g_w2 = g_out * h
            g_h = g_out * model["w2"] * (pre > 0)
            g_W1 = np.outer(x, g_h)

            model["w2"] = model["w2"] - lr * g_w2
            model["b2"] = model["b2"] - lr * g_out
            model["W1"] = model["W1"] - lr * g_W1
            model["b1"] = model["b1"] - lr * g_h
        if ep % 20 == 0:
            print("epoch", ep, "mean loss", round(total / len(X), 4))
    return model


if __name__ == "__main__":
    X, y = make_data()
    model = train(X, y)
    acc = np.mean((predict(model, X) > 0.5) == y)
    print("training accuracy:", acc)
