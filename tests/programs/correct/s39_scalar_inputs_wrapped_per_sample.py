# one input number per sample, wrapped into a 1x1 column as it is used; a band of the
# line is class 1; tanh hidden units, a sigmoid output, cross-entropy, one sample a step
import numpy as np

np.random.seed(30)
xs = np.random.uniform(-3, 3, 90)
cls = ((xs > -1) & (xs < 1.2)).astype(float)

U = np.random.randn(8, 1)
u0 = np.random.randn(8, 1)
V = np.random.randn(1, 8) * 0.5
v0 = np.zeros((1, 1))
eta = 0.1

for sweep in range(200):
    for k in np.random.permutation(len(xs)):
        col = np.array([[xs[k]]])
        want = np.array([[cls[k]]])
        act = np.tanh(U @ col + u0)
        p = 1 / (1 + np.exp(-(V @ act + v0)))
        g = p - want
        gV = g @ act.T
        back = (V.T @ g) * (1 - act ** 2)
        V -= eta * gV
        v0 -= eta * g
        U -= eta * back @ col.T
        u0 -= eta * back
    if sweep % 50 == 0:
        print(sweep)
