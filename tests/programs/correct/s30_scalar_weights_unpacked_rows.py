# my first neural network: every weight its own number, one sample at a time, no numpy
import math
import random

random.seed(7)
samples = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]

u11, u12, u21, u22 = (random.uniform(-1, 1) for _ in range(4))
c1, c2 = 0.0, 0.0
v1, v2 = random.uniform(-1, 1), random.uniform(-1, 1)
c_out = 0.0
rate = 0.8


def logistic(s):
    return 1.0 / (1.0 + math.exp(-s))


for sweep in range(6000):
    for a, b, want in samples:
        s1 = u11 * a + u21 * b + c1
        n1 = logistic(s1)
        s2 = u12 * a + u22 * b + c2
        n2 = logistic(s2)
        got = logistic(v1 * n1 + v2 * n2 + c_out)

        g = got - want  # cross-entropy with a sigmoid output
        g1 = g * v1 * n1 * (1 - n1)
        g2 = g * v2 * n2 * (1 - n2)

        v1 -= rate * g * n1
        v2 -= rate * g * n2
        c_out -= rate * g
        u11 -= rate * g1 * a
        u21 -= rate * g1 * b
        c1 -= rate * g1
        u12 -= rate * g2 * a
        u22 -= rate * g2 * b
        c2 -= rate * g2
    if sweep % 1000 == 0:
        print("sweep", sweep)

for a, b, want in samples:
    print(a, b, want, round(logistic(v1 * logistic(u11 * a + u21 * b + c1) + v2 * logistic(u12 * a + u22 * b + c2) + c_out), 3))
