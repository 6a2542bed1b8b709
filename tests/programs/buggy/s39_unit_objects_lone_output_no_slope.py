# units as objects: a list of hidden units and one output unit kept on its own, weights
# as Python lists, tanh hidden units, a sigmoid output with cross-entropy, one pattern
# at a time
import math
import random

random.seed(1)


class Unit:
    def __init__(self, fan_in, kind):
        self.w = [random.uniform(-0.8, 0.8) for _ in range(fan_in)]
        self.b = 0.0
        self.kind = kind
        self.seen = []
        self.a = 0.0
        self.err = 0.0

    def fire(self, xs):
        self.seen = list(xs)
        s = self.b + sum(wi * xi for wi, xi in zip(self.w, xs))
        self.a = math.tanh(s) if self.kind == "tanh" else 1.0 / (1.0 + math.exp(-s))
        return self.a

    def learn(self, rate):
        for i, xi in enumerate(self.seen):
            self.w[i] -= rate * self.err * xi
        self.b -= rate * self.err


patterns = [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]
layer = [Unit(2, "tanh") for _ in range(4)]
final = Unit(4, "sigmoid")

for sweep in range(3000):
    cost = 0.0
    for xs, want in patterns:
        hs = [u.fire(xs) for u in layer]
        got = final.fire(hs)
        cost -= want * math.log(got + 1e-12) + (1 - want) * math.log(1 - got + 1e-12)
        final.err = got - want
        for k, u in enumerate(layer):
            u.err = final.err * final.w[k]  # BUG(ND110): the tanh slope (1 - u.a ** 2) is missing
        final.learn(0.3)
        for u in layer:
            u.learn(0.3)
    if sweep % 500 == 0:
        print(sweep, round(cost, 4))
