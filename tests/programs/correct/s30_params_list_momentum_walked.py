# one example at a time; momentum walks the parameter list in place (v *= mu; v -= lr * g)
import numpy as np

np.random.seed(4)
pts = np.random.uniform(-1, 1, (100, 2))
lbl = (np.abs(pts[:, 0]) + np.abs(pts[:, 1]) < 0.8).astype(float)
Wa = np.random.randn(8, 2) * 0.8
ba = np.zeros(8)
Wb = np.random.randn(8) * 0.4
bb = np.zeros(1)
params = [Wa, ba, Wb, bb]
vel = [np.zeros_like(p) for p in params]
lr, mu = 0.02, 0.9
for ep in range(30):
    for i in np.random.permutation(len(pts)):
        x, t = pts[i], lbl[i]
        h = np.tanh(Wa @ x + ba)
        o = 1 / (1 + np.exp(-(Wb @ h + bb)))
        d = o - t
        dh = d * Wb * (1 - h**2)
        grads = [np.outer(dh, x), dh, d * h, d]
        for p, v, g in zip(params, vel, grads):
            v *= mu
            v -= lr * g
            p += v
    if ep % 10 == 0:
        print(ep)
