"""A small op graph in the torch manner: ops called through `__call__(self, *inputs)`,
a chain of them, gradients kept on Tensor-like holders, and each mini-batch handed
inline, `net(feats[rows])`, never named."""
import numpy as np


class Holder:
    def __init__(self, value):
        self.value = value
        self.grad = np.zeros_like(value)


class Op:
    def __call__(self, *inputs):
        return self.run(*inputs)

    def holders(self):
        return []


class Affine(Op):
    def __init__(self, n_in, n_out, gen):
        self.w = Holder(gen.normal(0, 1 / np.sqrt(n_in), (n_in, n_out)))
        self.c = Holder(np.zeros((1, n_out)))

    def run(self, x):
        self.x = x
        return x @ self.w.value + self.c.value

    def back(self, g):
        self.w.grad = self.x.T @ g
        self.c.grad = g.sum(axis=0, keepdims=True)
        return g @ self.w.value.T

    def holders(self):
        return [self.w, self.c]


class Tanh(Op):
    def run(self, x):
        self.y = np.tanh(x)
        return self.y

    def back(self, g):
        return g * (1 - self.y ** 2)


class Chain(Op):
    def __init__(self, *ops):
        self.ops = ops

    def run(self, x):
        for op in self.ops:
            x = op(x)
        return 1 / (1 + np.exp(-x))

    def back(self, g):
        for op in reversed(self.ops):
            g = op.back(g)

    def holders(self):
        return [h for op in self.ops for h in op.holders()]


gen = np.random.default_rng(8)
feats = gen.normal(size=(240, 2))
marks = (np.abs(feats[:, 0]) + np.abs(feats[:, 1]) < 1.3).astype(float).reshape(-1, 1)
net = Chain(Affine(2, 9, gen), Tanh(), Affine(9, 1, gen))
everything = net.holders()
for sweep in range(120):
    shuffled = gen.permutation(len(feats))
    for at in range(0, len(feats), 24):
        rows = shuffled[at:at + 24]
        prob = net(feats[rows])
        net.back((prob - marks[rows]) / len(rows))
        for h in everything:
            h.value -= 0.8 * h.grad
    if sweep % 30 == 0:
        print(sweep, float(np.mean((net(feats) > 0.5) == marks)))
