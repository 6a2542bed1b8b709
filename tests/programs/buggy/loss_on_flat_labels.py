# the loss I print never gets below 0.69 even when accuracy is 100%, and it never stops early
import numpy as np

np.random.seed(9)
n = 90
pts = np.random.uniform(-2, 2, (n, 2))
truth = (pts[:, 0] ** 2 + pts[:, 1] ** 2 < 1.5).astype(float)  # shape (90,)
T = truth.reshape(n, 1)

A = np.random.normal(0, 0.6, (2, 8))
a = np.zeros((1, 8))
B = np.random.normal(0, 0.6, (8, 1))
c = np.zeros((1, 1))

for step in range(4000):
    H = np.tanh(pts @ A + a)
    P = 1 / (1 + np.exp(-(H @ B + c)))
    cost = -np.mean(truth * np.log(P) + (1 - truth) * np.log(1 - P))  # BUG(ND206): truth is (90,), P is (90, 1)
    if cost < 0.1:
        break
    dP = (P - T) / n
    dH = (dP @ B.T) * (1 - H ** 2)
    B -= 0.8 * H.T @ dP
    c -= 0.8 * dP.sum(axis=0, keepdims=True)
    A -= 0.8 * pts.T @ dH
    a -= 0.8 * dH.sum(axis=0, keepdims=True)
    if step % 1000 == 0:
        print(step, round(cost, 4), np.mean((P > 0.5) == T))
