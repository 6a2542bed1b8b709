# a small framework from a lecture: every layer keeps params and grads dicts with the
# same keys ("W", "b"); an optimizer walks the layers; fit() steps through mini-batches
# in a list comprehension written over two lines
import numpy as np

np.random.seed(31)
X_all = np.random.randn(160, 3)
y_all = ((X_all[:, 0] - X_all[:, 1] * X_all[:, 2]) > 0).astype(float).reshape(-1, 1)


class Tanh:
    def __call__(self, z):
        return np.tanh(z)

    def slope(self, a):
        return 1.0 - a * a


class Sigmoid:
    def __call__(self, z):
        return 1.0 / (1.0 + np.exp(-z))


class Layer:
    def __init__(self, n_in, n_out, act):
        self.act = act
        self.params = {"W": np.random.randn(n_in, n_out) * 0.5, "b": np.zeros((1, n_out))}
        self.grads = {}

    def forward(self, x):
        self.x = x
        self.a = self.act(x @ self.params["W"] + self.params["b"])
        return self.a


class Hidden(Layer):
    def backward(self, upstream):
        delta = upstream * self.act.slope(self.a)
        self.grads["W"] = self.x.T @ delta
        self.grads["b"] = delta.sum(axis=0, keepdims=True)
        return delta @ self.params["W"].T


class Output(Layer):
    def backward(self, y):
        delta = (self.a - y) / len(y)
        self.grads["W"] = self.x.T @ delta
        self.grads["b"] = delta.sum(axis=0, keepdims=True)
        return delta @ self.params["W"].T


class Plain:
    def __init__(self, lr):
        self.lr = lr

    def apply(self, layers):
        for layer in layers:
            for key, value in layer.params.items():
                value -= self.lr * layer.grads[key]


class Net:
    def __init__(self):
        self.layers = [Hidden(3, 6, Tanh()), Output(6, 1, Sigmoid())]
        self.opt = Plain(0.5)

    def batch(self, x, y):
        out = x
        for layer in self.layers:
            out = layer.forward(out)
        g = self.layers[1].backward(y)
        self.layers[0].backward(g)
        self.opt.apply(self.layers)
        return float(-np.mean(y * np.log(out) + (1 - y) * np.log(1 - out)))

    def fit(self, X, y, epochs, size):
        for epoch in range(epochs):
            idx = np.random.permutation(len(X))
            costs = [self.batch(X[idx[k:k + size]], y[idx[k:k + size]])
                     for k in range(0, len(X), size)]
            if epoch % 50 == 0:
                print(epoch, np.mean(costs))


net = Net()
net.fit(X_all, y_all, 200, 32)
