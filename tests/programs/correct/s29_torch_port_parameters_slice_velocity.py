"""torch's API rewritten in numpy: Parameter(.data, .grad), Module, SGD with momentum."""
import numpy as np


class Parameter:
    def __init__(self, data):
        self.data = data
        self.grad = np.zeros_like(data)


class Module:
    def __call__(self, x):
        return self.forward(x)

    def parameters(self):
        return []


class Linear(Module):
    def __init__(self, n_in, n_out, rng):
        self.weight = Parameter(rng.normal(0, 1 / np.sqrt(n_in), (n_out, n_in)))
        self.bias = Parameter(np.zeros(n_out))

    def forward(self, x):
        self.x = x
        return x @ self.weight.data.T + self.bias.data

    def backward(self, g):
        self.weight.grad += g.T @ self.x
        self.bias.grad += g.sum(axis=0)
        return g @ self.weight.data

    def parameters(self):
        return [self.weight, self.bias]


class Tanh(Module):
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, g):
        return g * (1 - self.y ** 2)


class Sequential(Module):
    def __init__(self, *mods):
        self.mods = mods

    def forward(self, x):
        for m in self.mods:
            x = m(x)
        return x

    def backward(self, g):
        for m in reversed(self.mods):
            g = m.backward(g)

    def parameters(self):
        return [p for m in self.mods for p in m.parameters()]


class BCEWithLogits:
    def __call__(self, z, t):
        self.p, self.t = 1 / (1 + np.exp(-z)), t
        return float(np.mean(np.logaddexp(0, z) - t * z))

    def backward(self):
        return (self.p - self.t) / len(self.t)


class SGD:
    def __init__(self, params, lr, momentum=0.0):
        self.params, self.lr, self.momentum = params, lr, momentum
        self.v = [np.zeros_like(p.data) for p in params]

    def zero_grad(self):
        for p in self.params:
            p.grad = np.zeros_like(p.data)

    def step(self):
        for p, v in zip(self.params, self.v):
            v[:] = self.momentum * v + p.grad
            p.data -= self.lr * v


if __name__ == "__main__":
    rng = np.random.default_rng(2)
    x = rng.normal(size=(160, 3))
    t = ((x[:, 0] ** 2 + x[:, 1] ** 2) < 1.0).astype(float).reshape(-1, 1)
    model = Sequential(Linear(3, 8, rng), Tanh(), Linear(8, 1, rng))
    criterion = BCEWithLogits()
    optimizer = SGD(model.parameters(), lr=0.5, momentum=0.8)
    for epoch in range(800):
        optimizer.zero_grad()
        loss = criterion(model(x), t)
        model.backward(criterion.backward())
        optimizer.step()
        if epoch % 200 == 0:
            print(epoch, round(loss, 4))
