"""A layer library whose optimizer keeps (weight, gradient) pairs and steps them itself."""
import numpy as np

np.random.seed(5)


class Affine:
    def __init__(self, fan_in, fan_out):
        self.kernel = np.random.randn(fan_in, fan_out) * np.sqrt(1.0 / fan_in)
        self.offset = np.zeros((1, fan_out))
        self.d_kernel = np.zeros_like(self.kernel)
        self.d_offset = np.zeros_like(self.offset)

    def __call__(self, x):
        self.x = x
        return x @ self.kernel + self.offset

    def back(self, g):
        self.d_kernel[...] = self.x.T @ g
        self.d_offset[...] = g.sum()  # BUG(ND108): no axis: one number for every unit
        return g @ self.kernel.T

    def pairs(self):
        return [(self.kernel, self.d_kernel), (self.offset, self.d_offset)]


class Sigmoid:
    def __call__(self, x):
        self.y = 1 / (1 + np.exp(-x))
        return self.y

    def back(self, g):
        return g * self.y * (1 - self.y)


class Momentum:
    def __init__(self, pairs, lr=0.5, mu=0.9):
        self.pairs = pairs
        self.lr, self.mu = lr, mu
        self.velocity = [np.zeros_like(w) for w, _ in pairs]

    def step(self):
        for k, (w, g) in enumerate(self.pairs):
            self.velocity[k] = self.mu * self.velocity[k] - self.lr * g
            w += self.velocity[k]


layers = [Affine(2, 6), Sigmoid(), Affine(6, 1), Sigmoid()]
opt = Momentum([p for layer in layers if isinstance(layer, Affine) for p in layer.pairs()])

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
T = np.array([[0], [1], [1], [0]], dtype=float)

for epoch in range(3000):
    a = X
    for layer in layers:
        a = layer(a)
    loss = -np.mean(T * np.log(a) + (1 - T) * np.log(1 - a))
    g = (a - T) / (a * (1 - a)) / len(X)
    for layer in reversed(layers):
        g = layer.back(g)
    opt.step()
    if epoch % 500 == 0:
        print(epoch, loss)
print(np.round(a.ravel(), 2))
