"""A tiny framework: Param objects with .data and .grad, an optimizer keeping velocities."""
import numpy as np


class Param:
    def __init__(self, data):
        self.data = data
        self.grad = np.zeros_like(data)


class Affine:
    def __init__(self, n_in, n_out, rng):
        self.w = Param(rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out)))
        self.b = Param(np.zeros(n_out))

    def __call__(self, x):
        self.x = x
        return x @ self.w.data + self.b.data

    def back(self, g):
        self.w.grad += self.x.T @ g
        self.b.grad += g.sum(0)
        return g @ self.w.data.T


class Tanh:
    def __call__(self, x):
        self.y = np.tanh(x)
        return self.y

    def back(self, g):
        return g * (1 - self.y ** 2)


class Heavy:
    """SGD with heavy-ball momentum."""

    def __init__(self, params, lr=0.1, beta=0.8):
        self.params, self.lr, self.beta = params, lr, beta
        self.vel = [np.zeros_like(p.data) for p in params]

    def clear(self):
        for p in self.params:
            p.grad[...] = 0

    def update(self):
        for p, v in zip(self.params, self.vel):
            v *= self.beta
            v += p.grad
            p.data -= self.lr * v


def main():
    rng = np.random.default_rng(3)
    xs = rng.normal(size=(150, 4))
    ts = (np.sin(xs[:, 0]) + xs[:, 1] * xs[:, 2] > 0).astype(float)[:, None]
    stack = [Affine(4, 9, rng), Tanh(), Affine(9, 1, rng)]
    opt = Heavy([q for l in stack if isinstance(l, Affine) for q in (l.w, l.b)])
    for epoch in range(300):
        opt.clear()
        h = xs
        for layer in stack:
            h = layer(h)
        p = 1 / (1 + np.exp(-h))
        loss = -np.mean(ts * np.log(p + 1e-12) + (1 - ts) * np.log(1 - p + 1e-12))
        g = (p - ts) / len(xs)
        for layer in reversed(stack):
            g = layer.back(g)
        opt.update()
        if epoch % 75 == 0:
            print(epoch, round(loss, 4))


if __name__ == "__main__":
    main()
