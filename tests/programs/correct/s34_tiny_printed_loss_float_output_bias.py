import numpy as np
g = np.random.default_rng(9)
P = g.normal(size=(150, 2)); t = (np.abs(P[:, :1]) > 0.6).astype(float)
A = g.normal(0, 0.8, (2, 6)); a = np.zeros(6); B = g.normal(0, 0.8, (6, 1)); k = 0.0
for n in range(3000):
    s = 1 / (1 + np.exp(-(P @ A + a)))
    q = 1 / (1 + np.exp(-(s @ B + k)))
    e = (q - t) * q * (1 - q)
    f = e @ B.T * s * (1 - s)
    B -= s.T @ e / 75; k -= 2 * e.mean()
    A -= P.T @ f / 75; a -= 2 * f.mean(0)
    if n % 600 == 0: print(f"{n}: {np.mean((q - t) ** 2):.5f}")
