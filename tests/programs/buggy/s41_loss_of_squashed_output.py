# a tiny network object; the training loop squashes its (already sigmoid) output again
# before the cross-entropy it prints
import numpy as np


def sig(v):
    return 1.0 / (1.0 + np.exp(-v))


class Net:
    def __init__(self, rng):
        self.U = rng.normal(0, 0.8, (2, 6))
        self.c = np.zeros(6)
        self.V = rng.normal(0, 0.8, (6, 1))
        self.d = np.zeros(1)

    def __call__(self, x):
        self.x = x
        self.h = np.tanh(x @ self.U + self.c)
        self.o = sig(self.h @ self.V + self.d)
        return self.o

    def learn(self, y, rate):
        g = (self.o - y) / len(y)
        gh = (g @ self.V.T) * (1 - self.h ** 2)
        self.V -= rate * self.h.T @ g
        self.d -= rate * g.sum(axis=0)
        self.U -= rate * self.x.T @ gh
        self.c -= rate * gh.sum(axis=0)


rng = np.random.default_rng(21)
xs = rng.uniform(-1, 1, (100, 2))
ys = (np.abs(xs[:, :1]) > np.abs(xs[:, 1:])).astype(float)
net = Net(rng)
for epoch in range(600):
    out = net(xs)
    chance = sig(out)  # BUG(ND202): the output is already a sigmoid
    cost = -np.mean(ys * np.log(chance) + (1 - ys) * np.log(1 - chance))
    net.learn(ys, 1.0)
    if epoch % 100 == 0:
        print(epoch, round(float(cost), 4))
