"""A small optimizer object (not handed every weight) handed a list of the weight names each step, updating the
arrays in place (`for i, (w, g) in enumerate(zip(weights, grads)): w -= ...`), with
mini-batches drawn by `next()` from an endless generator."""
import numpy as np

gen = np.random.default_rng(5)
inputs = gen.uniform(-1, 1, (160, 2))
labels = (np.hypot(inputs[:, 0], inputs[:, 1]) < 0.7).astype(float)[:, None]


class Momentum:
    def __init__(self, rate=0.3, beta=0.8):
        self.rate, self.beta = rate, beta
        self.velocity = None
        self.updates = 0

    def apply(self, weights, grads):
        if self.velocity is None:
            self.velocity = [np.zeros_like(w) for w in weights]
        self.updates += 1
        for i, (w, g) in enumerate(zip(weights, grads)):
            self.velocity[i] = self.beta * self.velocity[i] + g
            w -= self.rate * self.velocity[i]


def minibatches(size):
    while True:
        order = gen.permutation(len(inputs))
        for start in range(0, len(inputs), size):
            pick = order[start:start + size]
            yield inputs[pick], labels[pick]


def grads_for(xb, yb):
    n = len(xb)
    hid = np.tanh(xb @ Wh + bh)
    out = 1 / (1 + np.exp(-(hid @ Wo + bo)))
    d_out = (out - yb) / n
    d_hid = (d_out @ Wo.T) * (1 - hid**2)
    return out, xb.T @ d_hid, d_hid.sum(axis=0), hid.T @ d_out, d_out.sum(axis=0)


Wh = gen.normal(0, 1, (2, 10))
bh = np.zeros(10)
Wo = gen.normal(0, 0.5, (10, 1))
bo = np.zeros(1)
opt = Momentum()
stream = minibatches(32)
for it in range(1500):
    xb, yb = next(stream)
    out, dWh, dbh, dWo, dbo = grads_for(xb, yb)
    opt.apply([Wh, Wo, bo], [dWh, dWo, dbo])  # BUG(ND108): bh is left out of the step
    if it % 500 == 0:
        print(it, float(np.mean((out > 0.5) == yb)))
