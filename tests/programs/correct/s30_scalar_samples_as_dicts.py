# every weight its own float; samples kept as dicts, unpacked inside the loop (x1, x2 = ...)
import math
import random

random.seed(2)
samples = [{"x": (0, 0), "y": 0}, {"x": (0, 1), "y": 1}, {"x": (1, 0), "y": 1}, {"x": (1, 1), "y": 0}]
w1, w2, w3, w4 = (random.uniform(-1, 1) for _ in range(4))
b1 = b2 = 0.0
w5, w6, b3 = random.uniform(-1, 1), random.uniform(-1, 1), 0.0
lr = 0.5


def s(z):
    return 1 / (1 + math.exp(-z))


for epoch in range(4000):
    for sample in samples:
        x1, x2 = sample["x"]
        t = sample["y"]
        h1 = s(w1 * x1 + w2 * x2 + b1)
        h2 = s(w3 * x1 + w4 * x2 + b2)
        o = s(w5 * h1 + w6 * h2 + b3)
        d = o - t
        d1, d2 = d * w5 * h1 * (1 - h1), d * w6 * h2 * (1 - h2)
        w5 -= lr * d * h1
        w6 -= lr * d * h2
        b3 -= lr * d
        w1 -= lr * d1 * x1
        w2 -= lr * d1 * x2
        b1 -= lr * d1
        w3 -= lr * d2 * x1
        w4 -= lr * d2 * x2
        b2 -= lr * d2
print([round(s(w5 * s(w1 * a + w2 * b + b1) + w6 * s(w3 * a + w4 * b + b2) + b3), 2) for a, b in [(0, 0), (0, 1), (1, 0), (1, 1)]])
