# per-example backprop, gradients summed over the shuffled indices of each batch
import numpy as np

np.random.seed(12)
pts = np.random.uniform(-1, 1, (96, 2))
cls = (pts[:, 0] ** 2 + pts[:, 1] ** 2 < 0.5).astype(float)

A = np.random.randn(6, 2) * 0.7   # (hidden, in)
a0 = np.zeros(6)
B = np.random.randn(1, 6) * 0.7
b0 = np.zeros(1)
lr = 0.5

for ep in range(100):
    order = np.random.permutation(len(pts))
    for s in range(0, len(pts), 12):
        picked = order[s:s + 12]
        dA = np.zeros_like(A); da0 = np.zeros_like(a0)
        dB = np.zeros_like(B); db0 = np.zeros_like(b0)
        for n in picked:
            h = np.tanh(A @ pts[n] + a0)
            q = 1 / (1 + np.exp(-(B @ h + b0)))
            err = q - cls[n]
            dB += np.outer(err, h)
            db0 += err
            dh = (B.T @ err) * h * (1 - h)  # BUG(ND109): the sigmoid's slope on a tanh unit
            dA += np.outer(dh, pts[n])
            da0 += dh
        A -= lr * dA / len(picked)
        a0 -= lr * da0 / len(picked)
        B -= lr * dB / len(picked)
        b0 -= lr * db0 / len(picked)
    if ep % 25 == 0:
        print("epoch", ep)
