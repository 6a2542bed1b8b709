# "mini keras": Dense and Activation layers, activations from a table of lambdas, a loss
# object whose gradient is handed back through the layers, plain SGD
import numpy as np

np.random.seed(40)
TABLE = {
    "tanh": (np.tanh, lambda a: 1 - a ** 2),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda a: a * (1 - a)),
}


class Dense:
    def __init__(self, n_in, n_out):
        self.params = {"W": np.random.randn(n_in, n_out) * 0.6, "b": np.zeros((1, n_out))}
        self.grads = {}

    def forward(self, x):
        self.x = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, g):
        self.grads["W"] = self.x.T @ g
        self.grads["b"] = g.sum(axis=0, keepdims=True)
        return g @ self.params["W"].T


class Activation:
    def __init__(self, name):
        self.f, self.df = TABLE[name]
        self.params, self.grads = {}, {}

    def forward(self, z):
        self.a = self.f(z)
        return self.a

    def backward(self, g):
        return g * self.df(self.a)


class LogLoss:
    def value(self, p, y):
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    def grad(self, p, y):
        return (p - y) / len(y)  # BUG(ND104): with the sigmoid layer's slope after it, this is the squared error's delta


class Model:
    def __init__(self, *layers):
        self.layers = list(layers)
        self.loss = LogLoss()

    def step(self, x, y, lr):
        out = x
        for layer in self.layers:
            out = layer.forward(out)
        g = self.loss.grad(out, y)
        for layer in reversed(self.layers):
            g = layer.backward(g)
        for layer in self.layers:
            for k in layer.params:
                layer.params[k] = layer.params[k] - lr * layer.grads[k]
        return self.loss.value(out, y)


pts = np.random.uniform(-1, 1, (120, 2))
lab = (pts[:, 0] * pts[:, 1] > 0).astype(float)[:, None]
model = Model(Dense(2, 6), Activation("tanh"), Dense(6, 1), Activation("sigmoid"))
for epoch in range(1500):
    cost = model.step(pts, lab, 0.5)
    if epoch % 300 == 0:
        print(epoch, cost)
