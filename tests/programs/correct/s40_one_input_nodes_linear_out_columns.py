"""Curve fitting with node objects: one input, tanh nodes, a linear output node.

Samples are kept as columns of one table: row 0 the input, row 1 the target.
"""
import numpy as np

rng = np.random.default_rng(7)

COUNT = 60
grid = np.linspace(-2.0, 2.0, COUNT)
TABLE = np.vstack([grid, 0.5 * grid**2 - 1.0 + rng.normal(0, 0.03, COUNT)])


class Node:
    def __init__(self, fan_in, linear=False):
        self.w = rng.normal(0, 0.8, fan_in)
        self.b = float(rng.normal(0, 0.1))
        self.linear = linear
        self.err = 0.0
        self.seen = None
        self.value = 0.0

    def fire(self, seen):
        self.seen = np.asarray(seen, dtype=float)
        s = float(self.w.dot(self.seen) + self.b)
        self.value = s if self.linear else np.tanh(s)
        return self.value

    def slope(self):
        return 1.0 if self.linear else 1.0 - self.value**2

    def nudge(self, step):
        self.w -= step * self.err * self.seen
        self.b -= step * self.err


class CurveNet:
    def __init__(self, width=8):
        self.layer = [Node(1) for _ in range(width)]
        self.top = Node(width, linear=True)

    def guess(self, x):
        return self.top.fire([unit.fire([x]) for unit in self.layer])

    def learn_one(self, x, t, step):
        miss = self.guess(x) - t
        self.top.err = miss * self.top.slope()
        for j, unit in enumerate(self.layer):
            unit.err = self.top.w[j] * self.top.err * unit.slope()
        self.top.nudge(step)
        for unit in self.layer:
            unit.nudge(step)
        return 0.5 * miss**2


def main():
    net = CurveNet()
    order = np.arange(COUNT)
    for sweep in range(300):
        rng.shuffle(order)
        total = 0.0
        for k in order:
            x, t = TABLE[0, k], TABLE[1, k]
            total += net.learn_one(x, t, 0.03)
        if sweep % 50 == 0:
            print(f"sweep {sweep:3d}  half squared error {total / COUNT:.5f}")
    for x in (-1.5, 0.0, 1.5):
        print(x, round(net.guess(x), 3), 0.5 * x * x - 1.0)


if __name__ == "__main__":
    main()
