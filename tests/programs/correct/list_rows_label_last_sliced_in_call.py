# No NumPy in the network: weights as lists, a dataset of rows [x1, x2, label], and a random
# row handed to the gradient method as `row[:2]` and `row[2]` without naming them.
import math
import random

random.seed(5)


def squash(v):
    return 1.0 / (1.0 + math.exp(-v))


class ListNet:
    def __init__(self, hidden=3, rate=0.5):
        self.V = [[random.uniform(-1, 1) for _ in range(hidden)] for _ in range(2)]
        self.c = [0.0] * hidden
        self.w = [random.uniform(-1, 1) for _ in range(hidden)]
        self.d = 0.0
        self.rate = rate

    def hidden(self, x):
        return [squash(sum(x[i] * self.V[i][j] for i in range(2)) + self.c[j]) for j in range(len(self.c))]

    def output(self, x):
        return squash(sum(hj * wj for hj, wj in zip(self.hidden(x), self.w)) + self.d)

    def gradients(self, x, label):
        h = self.hidden(x)
        o = self.output(x)
        e = o - label  # cross-entropy through the sigmoid
        gh = [e * wj * hj * (1 - hj) for wj, hj in zip(self.w, h)]
        gV = [[x[i] * gh[j] for j in range(len(h))] for i in range(2)]
        return gV, gh, [e * hj for hj in h], e

    def learn(self, dataset, steps):
        for step in range(steps):
            row = random.choice(dataset)
            gV, gc, gw, gd = self.gradients(row[:2], row[2])
            self.V = [[v - self.rate * g for v, g in zip(vr, gr)] for vr, gr in zip(self.V, gV)]
            self.c = [c - self.rate * g for c, g in zip(self.c, gc)]
            self.w = [w - self.rate * g for w, g in zip(self.w, gw)]
            self.d -= self.rate * gd
            if step % 2000 == 0:
                print(step, sum(-(r[2] * math.log(self.output(r[:2])) + (1 - r[2]) * math.log(1 - self.output(r[:2]))) for r in dataset))


data = [[0.1, 0.2, 0], [0.9, 0.8, 0], [0.2, 0.9, 1], [0.8, 0.1, 1], [0.3, 0.7, 1], [0.7, 0.6, 0]]
net = ListNet()
net.learn(data, 8000)
print([round(net.output(r[:2]), 2) for r in data])
