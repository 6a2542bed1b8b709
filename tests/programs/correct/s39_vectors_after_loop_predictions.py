# 1-D sample vectors, output weights as a (4, 1) column, and predictions printed after
# training with the same products: `act(x @ A + a) @ B` is (4,) @ (4, 1), no broadcast
import numpy as np

rng = np.random.default_rng(2)
samples = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
wanted = np.array([[0.0], [1.0], [1.0], [0.0]])


def act(v):
    return 1.0 / (1.0 + np.exp(-v))


A = rng.uniform(-1, 1, (2, 4))
a = np.zeros(4)
B = rng.uniform(-1, 1, (4, 1))
b = np.zeros(1)

for sweep in range(5000):
    for k in rng.permutation(4):
        s, t = samples[k], wanted[k]
        h = act(s @ A + a)
        o = act(h @ B + b)
        go = o - t
        gh = (B @ go) * h * (1 - h)
        B -= 0.5 * np.outer(h, go)
        b -= 0.5 * go
        A -= 0.5 * np.outer(s, gh)
        a -= 0.5 * gh

for s in samples:
    print(s, round(float((act(act(s @ A + a) @ B + b))[0]), 3))
