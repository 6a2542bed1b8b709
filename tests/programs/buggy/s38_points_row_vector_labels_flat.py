# the row-vector output weights above, with the labels typed flat: `probs - labels` of
# shapes (4, 1) and (4,), four hidden units (so every product still runs)
import numpy as np

np.random.seed(21)
points = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
labels = np.array([0.0, 1.0, 1.0, 0.0])

hidden_units = 4
U = np.random.randn(2, hidden_units)
c = np.zeros((1, hidden_units))
v = np.random.randn(1, hidden_units)
d = 0.0

step = 0.5
for epoch in range(4000):
    hidden = np.tanh(points @ U + c)
    scores = hidden @ v.T + d
    probs = 1.0 / (1.0 + np.exp(-scores))
    p = np.clip(probs.ravel(), 1e-12, 1 - 1e-12)
    loss = -np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p))

    g_scores = (probs - labels) / len(points)  # BUG(ND206): labels of shape (4,) against (4, 1)
    g_v = (g_scores * hidden).sum(axis=0, keepdims=True)
    g_d = g_scores.sum()
    g_hidden = g_scores * v * (1 - hidden ** 2)
    g_U = points.T @ g_hidden
    g_c = g_hidden.sum(axis=0, keepdims=True)

    v -= step * g_v
    d -= step * g_d
    U -= step * g_U
    c -= step * g_c
    if epoch % 500 == 0:
        print(f"epoch {epoch:5d}  loss {loss:.4f}")
