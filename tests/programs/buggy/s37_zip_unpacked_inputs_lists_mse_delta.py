# lists only, each sample unpacked in the loop header (buggy twin)
import math
import random

random.seed(9)
points = [(random.uniform(-1, 1), random.uniform(-1, 1)) for _ in range(100)]
classes = [1 if x * x + y * y > 0.5 else 0 for x, y in points]
N_H = 6
U = [[random.uniform(-1, 1), random.uniform(-1, 1)] for _ in range(N_H)]
a = [0.0] * N_H
V = [random.uniform(-1, 1) for _ in range(N_H)]
d = 0.0


def act(z):
    return math.tanh(z)


def sig(z):
    return 1 / (1 + math.exp(-z))


rate = 0.1
for rnd in range(60):
    total = 0.0
    for (x1, x2), t in zip(points, classes):
        pre = [U[k][0] * x1 + U[k][1] * x2 + a[k] for k in range(N_H)]
        hid = [act(z) for z in pre]
        out = sig(sum(V[k] * hid[k] for k in range(N_H)) + d)
        total -= t * math.log(out) + (1 - t) * math.log(1 - out)
        g = (out - t) * out * (1 - out)  # BUG(ND104): cross-entropy's delta is out - t
        back = [g * V[k] * (1 - hid[k] ** 2) for k in range(N_H)]
        for k in range(N_H):
            V[k] = V[k] - rate * g * hid[k]
            U[k][0] = U[k][0] - rate * back[k] * x1
            U[k][1] = U[k][1] - rate * back[k] * x2
            a[k] = a[k] - rate * back[k]
        d = d - rate * g
    if rnd % 20 == 0:
        print(rnd, total / len(points))
