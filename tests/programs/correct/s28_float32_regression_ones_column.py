"""Fit y = x1**2 - x2 with a column of ones for the bias trick, everything in float32."""

import numpy as np

gen = np.random.default_rng(4)
n = 300
feats = gen.uniform(-1.5, 1.5, size=(n, 2)).astype(np.float32)
target = (feats[:, :1] ** 2 - feats[:, 1:2]).astype(np.float32)
inputs = np.hstack([np.ones((n, 1), dtype=np.float32), feats])  # bias trick

hid = 6
V = (gen.normal(0, 0.6, (3, hid))).astype(np.float32)  # row 0: the hidden biases
U = (gen.normal(0, 0.6, (hid + 1, 1))).astype(np.float32)  # row 0: the output bias

step = 0.1
for it in range(3000):
    act = np.tanh(inputs @ V)
    act1 = np.hstack([np.ones((n, 1), dtype=np.float32), act])
    pred = act1 @ U
    resid = pred - target
    cost = float(np.mean(resid**2))

    g_pred = 2 * resid / n
    gU = act1.T @ g_pred
    g_act = (g_pred @ U[1:].T) * (1 - act**2)
    gV = inputs.T @ g_act

    V -= step * gV
    U -= step * gU
    if it % 500 == 0:
        print(it, round(cost, 4))

print("final mse", cost)
