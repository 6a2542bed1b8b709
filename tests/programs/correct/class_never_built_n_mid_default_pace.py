"""A snippet as pasted: the class only, never built; its width is `n_mid` and the
update's rate is a default argument, `pace=0.4`."""

import numpy as np


class TinyNet:
    def __init__(self, n_in, n_mid, seed=1):
        rng = np.random.default_rng(seed)
        self.A = rng.normal(0, 1, (n_in, n_mid))
        self.a = np.zeros(n_mid)
        self.B = rng.normal(0, 1, (n_mid, 1))
        self.b = np.zeros(1)

    def run(self, x):
        self.h = np.tanh(x @ self.A + self.a)
        self.o = 1 / (1 + np.exp(-(self.h @ self.B + self.b)))
        return self.o

    def learn(self, x, y, pace=0.4):
        o = self.run(x)
        n = len(x)
        d_out = (o - y) / n
        gB = self.h.T @ d_out
        gb = d_out.sum(axis=0)
        d_mid = (d_out @ self.B.T) * (1 - self.h**2)
        gA = x.T @ d_mid
        ga = d_mid.sum(axis=0)
        self.B -= pace * gB
        self.b -= pace * gb
        self.A -= pace * gA
        self.a -= pace * ga
        return o
