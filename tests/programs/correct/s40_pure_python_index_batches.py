# No NumPy: lists of lists, mini-batches of shuffled indices, gradients summed per batch.
import math
import random

random.seed(31)

points, labels = [], []
for _ in range(48):
    u, v = random.uniform(-1, 1), random.uniform(-1, 1)
    points.append([u, v])
    labels.append(1 if u * u + v * v < 0.45 else 0)

n_in, n_hid = 2, 6
w_hid = [[random.gauss(0, 1) for _ in range(n_in)] for _ in range(n_hid)]
b_hid = [0.0] * n_hid
w_out = [random.gauss(0, 0.5) for _ in range(n_hid)]
b_out = 0.0
rate, size = 0.5, 12


def run(x):
    h = [math.tanh(sum(w_hid[j][i] * x[i] for i in range(n_in)) + b_hid[j]) for j in range(n_hid)]
    s = sum(w_out[j] * h[j] for j in range(n_hid)) + b_out
    return h, 1.0 / (1.0 + math.exp(-s))


order = list(range(len(points)))
for epoch in range(600):
    random.shuffle(order)
    total = 0.0
    for start in range(0, len(order), size):
        chunk = order[start : start + size]
        g_wh = [[0.0] * n_in for _ in range(n_hid)]
        g_bh = [0.0] * n_hid
        g_wo = [0.0] * n_hid
        g_bo = 0.0
        for k in chunk:
            x, t = points[k], labels[k]
            h, p = run(x)
            total -= t * math.log(p + 1e-12) + (1 - t) * math.log(1 - p + 1e-12)
            e = p - t
            for j in range(n_hid):
                g_wo[j] += e * h[j]
                back = e * w_out[j] * (1 - h[j] ** 2)
                g_bh[j] += back
                for i in range(n_in):
                    g_wh[j][i] += back * x[i]
            g_bo += e
        for j in range(n_hid):
            w_out[j] -= rate * g_wo[j] / len(chunk)
            b_hid[j] -= rate * g_bh[j] / len(chunk)
            for i in range(n_in):
                w_hid[j][i] -= rate * g_wh[j][i] / len(chunk)
        b_out -= rate * g_bo / len(chunk)
    if epoch % 100 == 0:
        print(epoch, round(total / len(points), 4))
