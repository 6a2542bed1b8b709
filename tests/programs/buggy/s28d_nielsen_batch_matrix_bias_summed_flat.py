"""Nielsen-style network fed a whole mini-batch as one matrix (samples as columns); the
hidden bias gradient is `np.sum(delta)`, one number for every unit."""

import random

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


class Network:
    def __init__(self, sizes):
        self.sizes = sizes
        self.biases = [np.random.randn(n, 1) for n in sizes[1:]]
        self.weights = [np.random.randn(n, k) for k, n in zip(sizes[:-1], sizes[1:])]

    def feedforward(self, a):
        for b, w in zip(self.biases, self.weights):
            a = sigmoid(w @ a + b)
        return a

    def update_mini_batch(self, xs, ys, eta):
        nabla_b, nabla_w = self.backprop(xs, ys)
        k = xs.shape[1]
        self.weights = [w - (eta / k) * nw for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / k) * nb for b, nb in zip(self.biases, nabla_b)]

    def backprop(self, xs, ys):
        zs, acts = [], [xs]
        a = xs
        for b, w in zip(self.biases, self.weights):
            z = w @ a + b
            zs.append(z)
            a = sigmoid(z)
            acts.append(a)
        delta = (acts[-1] - ys) * sigmoid_prime(zs[-1])
        nabla_b = [None, delta.sum(axis=1, keepdims=True)]
        nabla_w = [None, delta @ acts[-2].T]
        delta = (self.weights[1].T @ delta) * sigmoid_prime(zs[0])
        nabla_b[0] = np.sum(delta)  # BUG(ND108): no axis: one number for every hidden unit
        nabla_w[0] = delta @ acts[0].T
        return nabla_b, nabla_w


np.random.seed(2)
random.seed(2)
pts = np.random.uniform(-1, 1, (2, 160))
lab = (np.sum(pts**2, axis=0, keepdims=True) < 0.5).astype(float)
net = Network([2, 6, 1])
for epoch in range(300):
    order = np.random.permutation(160)
    for s in range(0, 160, 20):
        cols = order[s : s + 20]
        net.update_mini_batch(pts[:, cols], lab[:, cols], 3.0)
    if epoch % 60 == 0:
        print(epoch, float(np.mean((net.feedforward(pts) > 0.5) == lab)))
