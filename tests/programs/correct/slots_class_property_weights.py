"""A class with `__slots__` (no `__dict__`): its parameters in a list slot, read through
properties (`self.W1`) and rebound item by item (`self._params[i] = ...`)."""
import numpy as np


class Net:
    __slots__ = ("_params", "rate")

    def __init__(self, sizes, rate):
        r = np.random.RandomState(5)
        self._params = []
        for a, b in zip(sizes[:-1], sizes[1:]):
            self._params += [r.randn(a, b) / np.sqrt(a), np.zeros((1, b))]
        self.rate = rate

    @property
    def W1(self):
        return self._params[0]

    @property
    def W2(self):
        return self._params[2]

    def step(self, x, t):
        h = 1 / (1 + np.exp(-(x @ self.W1 + self._params[1])))
        o = 1 / (1 + np.exp(-(h @ self.W2 + self._params[3])))
        do = o - t
        dh = do @ self.W2.T * h * (1 - h)
        grads = [x.T @ dh, dh.sum(0, keepdims=True), h.T @ do, do.sum(0, keepdims=True)]
        for i, g in enumerate(grads):
            self._params[i] = self._params[i] - self.rate * g
        return o


x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
t = np.array([[0], [1], [1], [0]], float)
net = Net([2, 5, 1], 0.8)
for n in range(4000):
    o = net.step(x, t)
print(o.round(2).ravel())
