"""Draws convergence.png: per-sample SGD against full-batch gradient descent (run by hand)."""

import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float).T
Y = np.array([[0, 1, 1, 0]], dtype=float)
EPOCHS = 3000


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def start():
    np.random.seed(1)
    return [np.random.randn(3, 2), np.random.randn(3, 1), np.random.randn(1, 3), np.random.randn(1, 1)]


def gradients(x, y, W1, b1, W2, b2):
    a1 = sigmoid(W1 @ x + b1)
    a2 = sigmoid(W2 @ a1 + b2)
    dz2 = (a2 - y) * a2 * (1 - a2)
    dz1 = (W2.T @ dz2) * a1 * (1 - a1)
    m = x.shape[1]
    return [dz1 @ x.T / m, dz1.sum(1, keepdims=True) / m, dz2 @ a1.T / m, dz2.sum(1, keepdims=True) / m]


def loss(W1, b1, W2, b2):
    return float(0.5 * np.sum((sigmoid(W2 @ sigmoid(W1 @ X + b1) + b2) - Y) ** 2) / X.shape[1])


def run(per_sample, lr):
    params, curve = start(), []
    began = time.perf_counter()
    for _ in range(EPOCHS):
        batches = [(X[:, i : i + 1], Y[:, i : i + 1]) for i in range(4)] if per_sample else [(X, Y)]
        for x, y in batches:
            params = [p - lr * g for p, g in zip(params, gradients(x, y, *params))]
        curve.append(loss(*params))
    return np.array(curve), time.perf_counter() - began


runs = {
    "per-sample SGD, lr 0.5": run(True, 0.5),
    "full batch, lr 0.5 (mean gradient)": run(False, 0.5),
    "full batch, lr 2.0 (= 0.5 x m)": run(False, 2.0),
}
figure, axis = plt.subplots(figsize=(6.5, 4), layout="constrained")
styles = [{"lw": 4, "alpha": 0.5}, {"lw": 1.5}, {"lw": 1.5, "ls": "--", "color": "black"}]
for (label, (curve, seconds)), style in zip(runs.items(), styles):
    reached = int(np.argmax(curve < 0.01)) if (curve < 0.01).any() else None
    axis.plot(curve, label=f"{label}: below 0.01 at epoch {reached}, {seconds:.2f} s", **style)
    print(label, "epoch to 0.01:", reached, "final", round(curve[-1], 4), "seconds", round(seconds, 2))
axis.set_yscale("log")
axis.set_xlabel("epoch (one pass over the 4 samples)")
axis.set_ylabel("mean squared-error loss (log scale)")
axis.set_title("XOR, 2-3-1 sigmoid network: per-sample SGD vs full-batch GD")
axis.legend(fontsize=7)
figure.savefig("convergence.png", dpi=90)
