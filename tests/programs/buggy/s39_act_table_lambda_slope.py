# activations kept in a table of (function, slope) pairs, the slope written in terms of
# the activation; a parabola boundary, full batch, cross-entropy
import numpy as np

table = {}
table["sigmoid"] = (lambda v: 1 / (1 + np.exp(-v)), lambda s: s * (1 - s))
table["tanh"] = (np.tanh, lambda s: 1 - s)  # BUG(ND109): tanh's slope is 1 - s**2
table["relu"] = (lambda v: np.maximum(v, 0), lambda s: (s > 0) * 1.0)

rng = np.random.default_rng(11)
pts = rng.uniform(-1.5, 1.5, (240, 2))
lab = (pts[:, 1] > pts[:, 0] ** 2 - 0.5).astype(float)[:, None]

hidden_kind = "tanh"
act, slope = table[hidden_kind]
out_act = table["sigmoid"][0]
w_a = rng.normal(0, 0.6, (2, 8))
c_a = np.zeros(8)
w_b = rng.normal(0, 0.6, (8, 1))
c_b = np.zeros(1)
eta = 0.5


def step(w_a, c_a, w_b, c_b):
    h = act(pts @ w_a + c_a)
    q = out_act(h @ w_b + c_b)
    loss = -np.mean(lab * np.log(q + 1e-12) + (1 - lab) * np.log(1 - q + 1e-12))
    e = (q - lab) / len(pts)
    e_h = (e @ w_b.T) * slope(h)
    grads = (pts.T @ e_h, e_h.sum(0), h.T @ e, e.sum(0))
    return loss, grads


for it in range(1500):
    loss, grads = step(w_a, c_a, w_b, c_b)
    for arr, g in zip((w_a, c_a, w_b, c_b), grads):
        arr -= eta * g
    if it % 300 == 0:
        print(it, round(float(loss), 4))
