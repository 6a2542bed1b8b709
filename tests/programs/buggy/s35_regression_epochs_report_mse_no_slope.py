"""Fit a bump y = exp(-x^2) with a 1-10-1 tanh net; the sigmoid output suits targets in [0, 1].
Mini-batches of 20 over shuffled rows; the squared error is reported every 40 epochs."""
import numpy as np

np.random.seed(11)
x_all = np.linspace(-2, 2, 200).reshape(-1, 1)
target = np.exp(-x_all ** 2) * 0.8 + 0.1 + 0.02 * np.random.randn(200, 1)

Wa = np.random.randn(1, 10) * 0.8
ba = np.zeros((1, 10))
Wb = np.random.randn(10, 1) * 0.3
bb = np.zeros((1, 1))


def predict(x):
    h = np.tanh(x @ Wa + ba)
    return h, 1 / (1 + np.exp(-(h @ Wb + bb)))


step_size = 0.3
for epoch in range(240):
    order = np.random.permutation(len(x_all))
    for k in range(0, len(x_all), 20):
        rows = order[k:k + 20]
        xb, tb = x_all[rows], target[rows]
        h, out = predict(xb)
        err_out = (out - tb) / len(xb)  # BUG(ND113): the squared error's delta needs out * (1 - out)
        gWb = h.T @ err_out
        gbb = err_out.sum(axis=0, keepdims=True)
        err_h = (err_out @ Wb.T) * (1 - h ** 2)
        gWa = xb.T @ err_h
        gba = err_h.sum(axis=0, keepdims=True)
        Wb -= step_size * gWb
        bb -= step_size * gbb
        Wa -= step_size * gWa
        ba -= step_size * gba
    if epoch % 40 == 0:
        _, fit = predict(x_all)
        print("epoch", epoch, "squared error", 0.5 * np.mean((fit - target) ** 2))
