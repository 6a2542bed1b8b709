# momentum over a list rebuilt each batch, `params = [...]`, velocities walked beside it,
# an L2 term and gradient-norm clipping, the whole thing at top level
import numpy as np

rs = np.random.RandomState(8)
pts = rs.randn(120, 2)
lab = (np.sum(pts ** 2, axis=1) < 1.2).astype(float)[:, None]

Wa = rs.randn(2, 7) * 0.7
ba = np.zeros(7)
Wb = rs.randn(7, 1) * 0.4
bb = np.zeros(1)
lr, mu, l2 = 0.2, 0.8, 1e-3
vel = [np.zeros_like(Wa), np.zeros_like(ba), np.zeros_like(Wb), np.zeros_like(bb)]

for ep in range(150):
    order = rs.permutation(len(pts))
    for s in range(0, len(pts), 20):
        rows = order[s:s + 20]
        xb, tb = pts[rows], lab[rows]
        h = np.tanh(xb @ Wa + ba)
        o = 1 / (1 + np.exp(-(h @ Wb + bb)))
        e = (o - tb) / len(rows)
        gWb = h.T @ e + l2 * Wb
        gbb = e.sum(axis=0)
        eh = (e @ Wb.T) * (1 - h ** 2)
        gWa = xb.T @ eh + l2 * Wa
        gba = eh.sum(axis=0)
        grads = [gWa, gba, gWb, gbb]
        norm = np.sqrt(sum(np.sum(g * g) for g in grads))
        if norm > 3.0:
            grads = [g * 3.0 / norm for g in grads]
        params = [Wa, ba, Wb, bb]
        for p, g, v in zip(params, grads, vel):
            v *= mu
            v += g
            p -= lr * v
    if ep % 30 == 0:
        out = 1 / (1 + np.exp(-(np.tanh(pts @ Wa + ba) @ Wb + bb)))
        print(ep, np.mean((out > 0.5) == lab))
