"""A small torch-like framework: `Param` objects with `.data` and `.grad`, layers that add
into `.grad` in backward (`+=`), `zero_grad()` before each step, a loss object keeping its
predictions as `self.p`, and an SGD optimizer walking the parameters
(`for p in params: p.data -= lr * p.grad`)."""
import numpy as np


class Param:
    def __init__(self, data):
        self.data = data
        self.grad = np.zeros_like(data)


class Linear:
    def __init__(self, n_in, n_out, rng):
        self.w = Param(rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out)))
        self.b = Param(np.zeros((1, n_out)))

    def forward(self, x):
        self.x = x
        return x @ self.w.data + self.b.data

    def backward(self, g):
        self.w.grad += self.x.T @ g
        self.b.grad += g.sum(axis=0, keepdims=True)
        return g @ self.w.data.T

    def params(self):
        return [self.w, self.b]


class Tanh:
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, g):
        return g * (1 - self.y**2)

    def params(self):
        return []


class Net:
    def __init__(self, *layers):
        self.layers = layers

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, g):
        for layer in reversed(self.layers):
            g = layer.backward(g)

    def params(self):
        return [p for layer in self.layers for p in layer.params()]

    def zero_grad(self):
        for p in self.params():
            p.grad[...] = 0.0


class LogisticLoss:
    def __call__(self, z, t):
        self.p = 1 / (1 + np.exp(-z))
        self.t = t
        return float(-np.mean(t * np.log(self.p) + (1 - t) * np.log(1 - self.p)))

    def backward(self):
        return (self.p - self.t) / len(self.t)


class SGD:
    def __init__(self, params, lr):
        self.params, self.lr = params, lr

    def step(self):
        for p in self.params:
            p.data -= self.lr * p.grad


rng = np.random.default_rng(14)
X = rng.uniform(-1, 1, (200, 2))
T = ((X[:, :1] > 0) ^ (X[:, 1:] > 0)).astype(float)
net = Net(Linear(2, 10, rng), Tanh(), Linear(10, 1, rng))
loss_fn = LogisticLoss()
opt = SGD(net.params(), lr=1.0)
for epoch in range(2000):
    net.zero_grad()
    loss = loss_fn(net.forward(X), T)
    net.backward(loss_fn.backward())
    opt.step()
    if epoch % 500 == 0:
        print(epoch, round(loss, 4))
