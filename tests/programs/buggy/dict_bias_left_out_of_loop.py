# a params dict updated key by key in place; the hidden bias key was left out
import numpy as np

rng = np.random.RandomState(6)
X = rng.randn(80, 3)
y = (X[:, 0] - X[:, 2] > 0).astype(float).reshape(-1, 1)

params = {"W1": rng.randn(3, 6) * 0.4, "b1": np.full((1, 6), 0.2),
          "W2": rng.randn(6, 1) * 0.4, "b2": np.zeros((1, 1))}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for epoch in range(1500):
    h = sigmoid(X @ params["W1"] + params["b1"])
    p = sigmoid(h @ params["W2"] + params["b2"])
    d2 = (p - y) / len(X)
    d1 = d2 @ params["W2"].T * h * (1 - h)
    grads = {"W1": X.T @ d1, "b1": d1.sum(0, keepdims=True),
             "W2": h.T @ d2, "b2": d2.sum(0, keepdims=True)}
    for key in ("W1", "W2", "b2"):
        params[key] -= 0.8 * grads[key]  # BUG(ND108): "b1" is missing from the keys updated
    if epoch % 300 == 0:
        print(epoch, float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))))
