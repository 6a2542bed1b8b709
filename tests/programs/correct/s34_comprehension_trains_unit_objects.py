"""Units as objects, trained one example at a time from a list comprehension."""
import numpy as np

np.random.seed(21)
pts = np.random.randn(120, 2)
lab = (np.abs(pts[:, 0]) + np.abs(pts[:, 1]) < 1.2).astype(float)
examples = list(zip(pts, lab))


class Unit:
    def __init__(self, n_in):
        self.w = np.random.randn(n_in) * 0.7
        self.b = 0.0
        self.err = 0.0

    def act(self, v, squash):
        self.v = v
        self.s = np.dot(self.w, v) + self.b
        self.o = squash(self.s)
        return self.o

    def nudge(self, rate):
        self.w -= rate * self.err * self.v
        self.b -= rate * self.err


def logistic(s):
    return 1.0 / (1.0 + np.exp(-s))


class Net:
    def __init__(self, n_in, n_mid, rate=0.1):
        self.mid = [Unit(n_in) for _ in range(n_mid)]
        self.top = Unit(n_mid)
        self.rate = rate

    def predict(self, v):
        hidden = np.array([u.act(v, np.tanh) for u in self.mid])
        return self.top.act(hidden, logistic)

    def fit_one(self, v, t):
        p = self.predict(v)
        self.top.err = p - t
        for k, u in enumerate(self.mid):
            back = self.top.w[k] * self.top.err
            u.err = back * (1.0 - u.o ** 2)
        self.top.nudge(self.rate)
        for u in self.mid:
            u.nudge(self.rate)
        q = min(max(p, 1e-9), 1 - 1e-9)
        return -(t * np.log(q) + (1 - t) * np.log(1 - q))


model = Net(2, 8)
for rnd in range(60):
    np.random.shuffle(examples)
    avg = np.mean([model.fit_one(v, t) for v, t in examples])
    if rnd % 10 == 0:
        print("round", rnd, "log loss", round(float(avg), 4))
print("accuracy", np.mean([(model.predict(v) > 0.5) == t for v, t in examples]))
