import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class Layer:
    def forward(self, x):
        raise NotImplementedError

    def backward(self, grad, lr):
        raise NotImplementedError


class FullyConnected(Layer):
    def __init__(self, n_in, n_out):
        self.weights = np.random.randn(n_in, n_out) * 0.5
        self.bias = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.weights + self.bias

    def backward(self, grad, lr):
        grad_in = grad @ self.weights.T
        self.weights -= lr * self.x.T @ grad
        self.bias -= lr * grad.sum(axis=0, keepdims=True)
        return grad_in


class ReLU(Layer):
    def forward(self, x):
        self.mask = x > 0
        return x * self.mask

    def backward(self, grad, lr):
        return grad * self.mask


class Sigmoid(Layer):
    def forward(self, x):
        self.out = sigmoid(x)
        return self.out

    def backward(self, grad, lr):
        s = sigmoid(self.out)  # BUG(ND101): sigmoid' of the activation (self.out is already sigmoid(x))
        return grad * s * (1 - s)


class Model:
    def __init__(self):
        self.layers = []

    def add(self, layer):
        self.layers.append(layer)

    def predict(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def fit(self, x, y, epochs, lr):
        for epoch in range(epochs):
            out = self.predict(x)
            grad = (out - y) / (out * (1 - out)) / len(y)  # dL/dout of the mean BCE
            for layer in reversed(self.layers):
                grad = layer.backward(grad, lr)
            if epoch % 200 == 0:
                print(epoch, -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out)))


np.random.seed(1)
X = np.random.randn(200, 2)
Y = (np.abs(X[:, :1]) + np.abs(X[:, 1:]) < 1.2).astype(float)

model = Model()
model.add(FullyConnected(2, 12))
model.add(ReLU())
model.add(FullyConnected(12, 1))
model.add(Sigmoid())
model.fit(X, Y, epochs=1000, lr=0.5)
