import numpy as np

# [hours studied, hours slept, coffees] -> passed?
rows = np.array([
    [8, 7, 1, 1], [2, 5, 3, 0], [6, 8, 0, 1], [3, 4, 4, 0],
    [7, 6, 2, 1], [1, 7, 1, 0], [5, 5, 2, 1], [2, 3, 5, 0],
    [9, 6, 1, 1], [4, 6, 3, 0], [6, 4, 2, 1], [3, 8, 0, 0],
], dtype=float)
X = (rows[:, :3] - rows[:, :3].mean(axis=0)) / rows[:, :3].std(axis=0)
y = rows[:, 3:]
m = len(X)

rng = np.random.default_rng(2)
hidden_w = rng.normal(0, 0.5, (3, 3))  # (out, in): used as X @ hidden_w.T
hidden_b = np.zeros((1, 3))
out_w = rng.normal(0, 0.5, (1, 3))
out_b = np.zeros((1, 1))

for step in range(2000):
    h = np.tanh(X @ hidden_w.T + hidden_b)
    p = 1 / (1 + np.exp(-(h @ out_w.T + out_b)))
    cost = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    d_out = (p - y) / m
    d_h = (d_out @ out_w) * (1 - h**2)
    out_w -= 0.5 * d_out.T @ h
    out_b -= 0.5 * d_out.sum(axis=0, keepdims=True)
    hidden_w -= 0.5 * X.T @ d_h  # BUG(ND107): (in, out); the (out, in) weights need d_h.T @ X
    hidden_b -= 0.5 * d_h.sum(axis=0, keepdims=True)
    if step % 400 == 0:
        print(step, round(cost, 4))
