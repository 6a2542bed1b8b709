# pass/fail from two exam scores; squared error plus an L2 term, steps clipped by the
# global norm of the gradients
import numpy as np

np.random.seed(6)
scores = np.random.uniform(30, 100, (40, 2))
passed = (scores.sum(axis=1) > 130).astype(float).reshape(-1, 1)
x = (scores - scores.mean(axis=0)) / scores.std(axis=0)
m = len(x)

sg = lambda z: 1 / (1 + np.exp(-z))
P = np.random.normal(0, 0.7, (2, 5)); p0 = np.zeros(5)
Q = np.random.normal(0, 0.7, (5, 1)); q0 = np.zeros(1)
lam, step_size = 1e-3, 0.5

it, L_prev = 0, None
while True:
    h = np.tanh(x @ P + p0)
    o = sg(h @ Q + q0)
    L = np.mean((o - passed) ** 2) + lam / 2 * (np.sum(P * P) + np.sum(Q * Q))
    d = (o - passed) / m  # BUG(ND113): the squared error's delta lacks o * (1 - o)
    gQ, gq0 = h.T @ d + lam * Q, d.sum(axis=0)
    dh = (d @ Q.T) * (1 - h * h)
    gP, gp0 = x.T @ dh + lam * P, dh.sum(axis=0)
    grads = [gP, gp0, gQ, gq0]
    norm = np.sqrt(sum(np.sum(g * g) for g in grads))
    if norm > 0.5:
        grads = [g * (0.5 / norm) for g in grads]
    P, p0, Q, q0 = [w - step_size * g for w, g in zip((P, p0, Q, q0), grads)]
    it += 1
    if it % 400 == 0:
        print(it, L)
    if (L_prev is not None and abs(L_prev - L) < 1e-9) or it >= 4000:
        break
    L_prev = L
