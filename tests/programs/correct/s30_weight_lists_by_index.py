# weights kept in two plain lists and read by index, one sample at a time (a whiteboard net)
import math
import random

random.seed(12)
X = [[0, 0], [0, 1], [1, 0], [1, 1]]
Y = [0, 1, 1, 1]  # OR
w = [random.uniform(-0.5, 0.5) for _ in range(9)]  # 2x3 into the hidden units, then 3 out
b = [0.0, 0.0, 0.0, 0.0]


def act(s):
    return 1 / (1 + math.exp(-s))


for it in range(3000):
    for x, y in zip(X, Y):
        h0 = act(w[0] * x[0] + w[1] * x[1] + b[0])
        h1 = act(w[2] * x[0] + w[3] * x[1] + b[1])
        h2 = act(w[4] * x[0] + w[5] * x[1] + b[2])
        out = act(w[6] * h0 + w[7] * h1 + w[8] * h2 + b[3])
        e = out - y
        e0 = e * w[6] * h0 * (1 - h0)
        e1 = e * w[7] * h1 * (1 - h1)
        e2 = e * w[8] * h2 * (1 - h2)
        step = [e0 * x[0], e0 * x[1], e1 * x[0], e1 * x[1], e2 * x[0], e2 * x[1], e * h0, e * h1, e * h2]
        w = [wi - 0.5 * gi for wi, gi in zip(w, step)]
        b = [bi - 0.5 * gi for bi, gi in zip(b, [e0, e1, e2, e])]
print([round(act(w[6] * act(w[0] * p + w[1] * q + b[0]) + w[7] * act(w[2] * p + w[3] * q + b[1]) + w[8] * act(w[4] * p + w[5] * q + b[2]) + b[3]), 2) for p, q in X])
