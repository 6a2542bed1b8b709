# Pass/fail from two test scores; the bias rides in each weight matrix's first row,
# so a column of ones goes in front of the inputs once, before the train/test split.
import numpy as np
import matplotlib.pyplot as plt

np.random.seed(11)
m = 240
s1 = np.random.uniform(40, 95, m)
s2 = np.random.uniform(40, 95, m)
passed = ((s1 + s2) / 2 + np.random.normal(0, 6, m) > 68).astype(float)

feats = (np.c_[s1, s2] - 68.0) / 15.0
design = np.hstack([np.ones((m, 1)), feats])
labels = passed.reshape(-1, 1)

order = np.random.permutation(m)
tr, te = order[:180], order[180:]
Xtr, ytr = design[tr], labels[tr]
Xte, yte = design[te], labels[te]


def squash(v):
    return 1.0 / (1.0 + np.exp(-v))


hidden = 5
V = np.random.uniform(-1, 1, (3, hidden))
U = np.random.uniform(-1, 1, (hidden + 1, 1))


def network(inp):
    mid = squash(inp @ V)
    mid1 = np.hstack([np.ones((inp.shape[0], 1)), mid])
    return mid, mid1, squash(mid1 @ U)


rate = 2.0
curve = []
for it in range(2500):
    mid, mid1, out = network(Xtr)
    curve.append(np.mean((out - ytr) ** 2))
    d_out = 2.0 * (out - ytr) / len(Xtr) * out * (1 - out)
    gU = mid1.T @ d_out
    d_mid = (d_out @ U[1:].T) * mid * (1 - mid)
    gV = Xtr.T @ d_mid
    U -= rate * gU
    V -= rate * gV
    if it % 500 == 0:
        print(it, curve[-1])

plt.plot(curve)
plt.show()
print("test accuracy", np.mean((network(Xte)[2] > 0.5) == yte))
