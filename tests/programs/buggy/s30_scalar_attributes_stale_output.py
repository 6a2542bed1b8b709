# a tiny class keeping every weight as a float attribute; the output weights move before the
# hidden errors read them
import random


def squash(z):
    import math

    return 1 / (1 + math.exp(-z))


class TwoTwoOne:
    def __init__(self):
        random.seed(3)
        self.wa1, self.wa2, self.wb1, self.wb2 = [random.gauss(0, 1) for _ in range(4)]
        self.ba = self.bb = 0.1
        self.wo1, self.wo2 = random.gauss(0, 1), random.gauss(0, 1)
        self.bo = 0.0

    def run(self, x1, x2):
        self.ha = squash(self.wa1 * x1 + self.wa2 * x2 + self.ba)
        self.hb = squash(self.wb1 * x1 + self.wb2 * x2 + self.bb)
        return squash(self.wo1 * self.ha + self.wo2 * self.hb + self.bo)

    def learn(self, pairs, labels, step=0.5, rounds=3000):
        for r in range(rounds):
            for (x1, x2), t in zip(pairs, labels):
                o = self.run(x1, x2)
                do = o - t  # cross-entropy with the sigmoid output
                self.wo1 -= step * do * self.ha
                self.wo2 -= step * do * self.hb
                da = do * self.wo1 * self.ha * (1 - self.ha)  # BUG(ND111): wo1 already moved
                db = do * self.wo2 * self.hb * (1 - self.hb)
                self.bo -= step * do
                self.wa1 -= step * da * x1
                self.wa2 -= step * da * x2
                self.ba -= step * da
                self.wb1 -= step * db * x1
                self.wb2 -= step * db * x2
                self.bb -= step * db


net = TwoTwoOne()
net.learn([(0, 0), (0, 1), (1, 0), (1, 1)], [0, 0, 0, 1])
print([round(net.run(a, b), 2) for a, b in [(0, 0), (0, 1), (1, 0), (1, 1)]])
