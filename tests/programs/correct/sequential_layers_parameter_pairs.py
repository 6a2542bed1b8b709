"""A tiny framework: layers keep their arrays and gradients in lists, a Sequential model
passes values through them, and the optimiser walks (parameter, gradient) pairs."""

import numpy as np


class Dense:
    def __init__(self, fan_in, fan_out, rng):
        self.W = rng.normal(0, 1 / np.sqrt(fan_in), (fan_in, fan_out))
        self.b = np.zeros((1, fan_out))
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        self.params = [self.W, self.b]
        self.grads = [self.dW, self.db]

    def forward(self, inp):
        self.inp = inp
        return inp @ self.W + self.b

    def backward(self, upstream):
        self.dW[...] = self.inp.T @ upstream
        self.db[...] = upstream.sum(axis=0, keepdims=True)
        return upstream @ self.W.T


class Tanh:
    params, grads = [], []

    def forward(self, inp):
        self.out = np.tanh(inp)
        return self.out

    def backward(self, upstream):
        return upstream * (1 - self.out**2)


class Sigmoid:
    params, grads = [], []

    def forward(self, inp):
        self.out = 1 / (1 + np.exp(-inp))
        return self.out

    def backward(self, upstream):
        return upstream * self.out * (1 - self.out)


class Sequential:
    def __init__(self, *layers):
        self.layers = list(layers)

    def __call__(self, batch):
        for layer in self.layers:
            batch = layer.forward(batch)
        return batch

    def backward(self, grad):
        for index in range(len(self.layers) - 1, -1, -1):
            grad = self.layers[index].backward(grad)

    def pairs(self):
        for layer in self.layers:
            yield from zip(layer.params, layer.grads)


class SGD:
    def __init__(self, model, lr):
        self.model, self.lr = model, lr

    def step(self):
        for value, grad in self.model.pairs():
            value -= self.lr * grad


def bce_grad(prob, truth):
    """dL/dprob of the mean binary cross-entropy."""
    return (prob - truth) / (prob * (1 - prob)) / len(truth)


rng = np.random.default_rng(9)
angle = rng.uniform(0, 2 * np.pi, 240)
radius = np.where(np.arange(240) % 2 == 0, 0.5, 1.0)
xy = np.c_[radius * np.cos(angle), radius * np.sin(angle)] + rng.normal(0, 0.05, (240, 2))
ring = (radius > 0.75).astype(float).reshape(-1, 1)

net = Sequential(Dense(2, 10, rng), Tanh(), Dense(10, 1, rng), Sigmoid())
opt = SGD(net, lr=1.0)
for epoch in range(1500):
    prob = net(xy)
    net.backward(bce_grad(prob, ring))
    opt.step()
    if epoch % 300 == 0:
        print(epoch, float(-np.mean(ring * np.log(prob) + (1 - ring) * np.log(1 - prob))))
