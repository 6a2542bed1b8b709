# no numpy at all: a dataclass holding its weights as lists of rows, full-batch steps
import math
import random
from dataclasses import dataclass, field

random.seed(4)
ROWS = [[random.uniform(-2, 2), random.uniform(-2, 2)] for _ in range(40)]
WANT = [1.0 if r[0] * r[1] > 0 else 0.0 for r in ROWS]


def logistic(v):
    return 1.0 / (1.0 + math.exp(-v))


@dataclass
class ListNet:
    n_in: int
    n_hid: int
    Wh: list = field(default_factory=list)
    bh: list = field(default_factory=list)
    wo: list = field(default_factory=list)
    bo: float = 0.0

    def __post_init__(self):
        self.Wh = [[random.uniform(-1, 1) for _ in range(self.n_in)] for _ in range(self.n_hid)]
        self.bh = [0.0] * self.n_hid
        self.wo = [random.uniform(-1, 1) for _ in range(self.n_hid)]

    def run(self, x):
        h = [math.tanh(sum(w * v for w, v in zip(row, x)) + b) for row, b in zip(self.Wh, self.bh)]
        return h, logistic(sum(w * a for w, a in zip(self.wo, h)) + self.bo)

    def step(self, X, Y, lr):
        gWh = [[0.0] * self.n_in for _ in range(self.n_hid)]
        gbh = [0.0] * self.n_hid
        gwo = [0.0] * self.n_hid
        gbo = 0.0
        for x, y in zip(X, Y):
            h, p = self.run(x)
            e = p - y
            for j in range(self.n_hid):
                eh = e * self.wo[j] * (1 - h[j] ** 2)
                gwo[j] += e * h[j]
                gbh[j] += eh
                for i in range(self.n_in):
                    gWh[j][i] += eh * x[i]
            gbo += e
        for j in range(self.n_hid):
            for i in range(self.n_in):
                self.Wh[j][i] -= lr * gWh[j][i] / len(X)
            self.bh[j] -= lr * gbh[j] / len(X)
            self.wo[j] -= lr * gwo[j] / len(X)
        self.bo -= lr * gbo / len(X)


if __name__ == "__main__":
    net = ListNet(2, 5)
    for it in range(1500):
        net.step(ROWS, WANT, 1.0)
        if it % 300 == 0:
            print(it, sum((net.run(r)[1] > 0.5) == (t > 0.5) for r, t in zip(ROWS, WANT)))
