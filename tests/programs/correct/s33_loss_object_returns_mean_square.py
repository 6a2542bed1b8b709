# a tiny layer framework: Dense / Tanh / Sigmoid modules, a loss object, a momentum optimizer
import numpy as np

gen = np.random.default_rng(17)


class Dense:
    def __init__(self, n_in, n_out):
        self.W = gen.normal(0, 1 / np.sqrt(n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))
        self.grads = {}

    def __call__(self, x):
        self.x = x
        return x @ self.W + self.b

    def back(self, g):
        self.grads["W"] = self.x.T @ g
        self.grads["b"] = g.sum(axis=0, keepdims=True)
        return g @ self.W.T


class Tanh:
    def __call__(self, z):
        self.a = np.tanh(z)
        return self.a

    def back(self, g):
        return g * (1 - self.a ** 2)


class Sigmoid:
    def __call__(self, z):
        self.s = 1 / (1 + np.exp(-z))
        return self.s

    def back(self, g):
        return g * self.s * (1 - self.s)


class MeanSquare:
    def value(self, out, target):
        return np.mean((out - target) ** 2)

    def grad(self, out, target):
        return 2 * (out - target) / out.size


class Momentum:
    def __init__(self, rate, beta=0.9):
        self.rate, self.beta, self.memory = rate, beta, {}

    def apply(self, layer):
        for name, g in layer.grads.items():
            v = self.memory.get((id(layer), name), np.zeros_like(g))
            v = self.beta * v - self.rate * g
            self.memory[(id(layer), name)] = v
            getattr(layer, name)[...] += v


stack = [Dense(2, 8), Tanh(), Dense(8, 1), Sigmoid()]
criterion = MeanSquare()
opt = Momentum(0.5)

pts = gen.uniform(-1, 1, (200, 2))
goal = 0.5 + 0.4 * np.sin(2.5 * pts[:, :1]) * pts[:, 1:]

for epoch in range(150):
    order = gen.permutation(len(pts))
    running = 0.0
    for s in range(0, len(pts), 40):
        rows = order[s:s + 40]
        out = pts[rows]
        for layer in stack:
            out = layer(out)
        running += criterion.value(out, goal[rows])
        g = criterion.grad(out, goal[rows])
        for layer in reversed(stack):
            g = layer.back(g)
        for layer in stack:
            if isinstance(layer, Dense):
                opt.apply(layer)
    if epoch % 50 == 0:
        print(epoch, running / 5)
