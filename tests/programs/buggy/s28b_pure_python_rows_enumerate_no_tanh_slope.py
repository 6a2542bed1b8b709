# No numpy in the network: plain lists, math.tanh, one example at a time.
# Learns "is the point inside the unit circle?" from a small hand-made sample.
import math
import random


class TinyNet:
    def __init__(self, n_in, n_hidden, seed=0):
        rnd = random.Random(seed)
        self.V = [[rnd.uniform(-1, 1) for _ in range(n_in)] for _ in range(n_hidden)]
        self.c = [0.0] * n_hidden
        self.w = [rnd.uniform(-1, 1) for _ in range(n_hidden)]
        self.d = 0.0

    def forward(self, x):
        h = [math.tanh(sum(v * xi for v, xi in zip(row, x)) + cj)
             for row, cj in zip(self.V, self.c)]
        s = sum(wj * hj for wj, hj in zip(self.w, h)) + self.d
        return h, 1.0 / (1.0 + math.exp(-s))

    def train_one(self, x, y, lr):
        h, p = self.forward(x)
        err = p - y                       # cross-entropy through the sigmoid
        g_h = [err * self.w[j] for j in range(len(h))]  # BUG(ND110): tanh's slope (1 - h[j] ** 2) left out
        for j in range(len(self.w)):
            self.w[j] -= lr * err * h[j]
        self.d -= lr * err
        for j, row in enumerate(self.V):
            for i in range(len(row)):
                row[i] -= lr * g_h[j] * x[i]
            self.c[j] -= lr * g_h[j]
        return -(y * math.log(p) + (1 - y) * math.log(1 - p))


random.seed(4)
samples = []
for _ in range(60):
    a, b = random.uniform(-1.5, 1.5), random.uniform(-1.5, 1.5)
    samples.append(([a, b], 1.0 if a * a + b * b < 1.0 else 0.0))

net = TinyNet(2, 6, seed=1)
for epoch in range(200):
    random.shuffle(samples)
    total = 0.0
    for x, y in samples:
        total += net.train_one(x, y, 0.1)
    if epoch % 40 == 0:
        print("epoch", epoch, "avg loss", round(total / len(samples), 4))

right = sum((net.forward(x)[1] > 0.5) == (y == 1.0) for x, y in samples)
print("train accuracy:", right / len(samples))
