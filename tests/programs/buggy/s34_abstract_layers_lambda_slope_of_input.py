"""Layers in the style of a from-scratch 'framework' tutorial: an abstract Activation
layer holds two lambdas; Tanh and Sigmoid fill them in. The tanh's derivative is
written for the activation but the base class hands it the layer's input."""
from abc import ABC, abstractmethod

import numpy as np


class Layer(ABC):
    @abstractmethod
    def forward(self, inp): ...

    @abstractmethod
    def backward(self, grad, lr): ...


class Dense(Layer):
    def __init__(self, n_in, n_out, rng):
        self.weights = rng.normal(0, 1 / np.sqrt(n_in), (n_out, n_in))
        self.bias = np.zeros((n_out, 1))

    def forward(self, inp):
        self.input = inp
        return self.weights @ inp + self.bias

    def backward(self, grad, lr):
        w_grad = grad @ self.input.T
        back = self.weights.T @ grad
        self.weights -= lr * w_grad
        self.bias -= lr * grad.sum(axis=1, keepdims=True)
        return back


class Activation(Layer):
    def __init__(self, activation, activation_prime):
        self.activation = activation
        self.activation_prime = activation_prime

    def forward(self, inp):
        self.input = inp
        return self.activation(inp)

    def backward(self, grad, lr):
        return grad * self.activation_prime(self.input)


class Tanh(Activation):
    def __init__(self):
        super().__init__(np.tanh, lambda x: 1 - x**2)  # BUG(ND102): written for tanh(x), handed x


class Sigmoid(Activation):
    def __init__(self):
        sig = lambda x: 1 / (1 + np.exp(-x))
        super().__init__(sig, lambda x: sig(x) * (1 - sig(x)))


def bce(y_true, y_pred):
    return -np.mean(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred))


def bce_prime(y_true, y_pred):
    return ((1 - y_true) / (1 - y_pred) - y_true / y_pred) / np.size(y_true)


rng = np.random.default_rng(5)
X = rng.uniform(-1, 1, (2, 200))
Y = ((X[0] * X[1]) > 0).astype(float).reshape(1, -1)
network = [Dense(2, 8, rng), Tanh(), Dense(8, 1, rng), Sigmoid()]

for epoch in range(1000):
    out = X
    for layer in network:
        out = layer.forward(out)
    err = bce(Y, out)
    grad = bce_prime(Y, out)
    for layer in reversed(network):
        grad = layer.backward(grad, 0.5)
    if epoch % 200 == 0:
        print(f"epoch {epoch}  loss {err:.4f}")
