# Layers as objects in a list, each with forward() and backward(grad, learning_rate);
# the dense layer updates itself inside backward(). Column vectors, one sample at a time.
import numpy as np


class Layer:
    def forward(self, inp):
        raise NotImplementedError

    def backward(self, grad, learning_rate):
        raise NotImplementedError


class FullyConnected(Layer):
    def __init__(self, n_in, n_out):
        self.weights = np.random.randn(n_out, n_in) * 0.5
        self.bias = np.zeros((n_out, 1))

    def forward(self, inp):
        self.input = inp
        return self.weights @ inp + self.bias

    def backward(self, grad, learning_rate):
        weights_gradient = grad @ self.input.T
        input_gradient = self.weights.T @ grad
        self.weights -= learning_rate * weights_gradient
        self.bias -= learning_rate * grad
        return input_gradient


class Activation(Layer):
    def __init__(self, f, f_prime):
        self.f, self.f_prime = f, f_prime

    def forward(self, inp):
        self.input = inp
        return self.f(inp)

    def backward(self, grad, learning_rate):
        return grad * self.f_prime(self.input)


class Tanh(Activation):
    def __init__(self):
        super().__init__(np.tanh, lambda x: 1 - np.tanh(x) ** 2)


class Sigmoid(Activation):
    def __init__(self):
        s = lambda x: 1 / (1 + np.exp(-x))
        super().__init__(s, lambda x: s(x) * (1 - s(x)))


def mse(y_true, y_pred):
    return np.mean((y_true - y_pred) ** 2)


def mse_prime(y_true, y_pred):
    return 2 * (y_pred - y_true) / np.size(y_true)


np.random.seed(0)
X = np.reshape([[0, 0], [0, 1], [1, 0], [1, 1]], (4, 2, 1))
Y = np.reshape([[0], [1], [1], [0]], (4, 1, 1))
network = [FullyConnected(2, 3), Tanh(), FullyConnected(3, 1), Sigmoid()]

for e in range(2000):
    error = 0
    for x, y in zip(X, Y):
        output = x
        for layer in network:
            output = layer.forward(output)
        error += mse(y, output)
        grad = mse_prime(y, output)
        for layer in reversed(network):
            grad = layer.backward(grad, 0.1)
    if e % 500 == 0:
        print(e, error / len(X))
