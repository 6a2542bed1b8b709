# dimmer level in [0, 1] from 3 light sensors, full batch, squared error
import numpy as np

rng = np.random.default_rng(9)
readings = rng.uniform(0, 1, (120, 3))
level = 1 / (1 + np.exp(-(2.5 * readings[:, :1] - 1.5 * readings[:, 1:2] + readings[:, 2:] - 0.8)))

V = rng.normal(0, 0.5, (3, 6))
c = np.zeros((1, 6))
w = rng.normal(0, 0.5, (6, 1))
d = np.zeros((1, 1))
step = 0.02

for sweep in range(3000):
    h = 1 / (1 + np.exp(-(readings @ V + c)))
    y = 1 / (1 + np.exp(-(h @ w + d)))
    err = y - level
    loss = 0.5 * np.mean(err ** 2)
    dz_out = y - level  # BUG(ND113): the sigmoid slope y * (1 - y) is missing
    dz_hid = dz_out @ w.T * h * (1 - h)
    w -= step * h.T @ dz_out
    d -= step * dz_out.sum(axis=0, keepdims=True)
    V -= step * readings.T @ dz_hid
    c -= step * dz_hid.sum(axis=0, keepdims=True)
    if sweep % 1000 == 0:
        print(sweep, loss)
