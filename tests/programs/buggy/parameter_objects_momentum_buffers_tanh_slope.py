# The framework with Parameter objects and momentum buffers indexed like the parameters;
# the tanh layer's backward uses 1 - out for its slope (the square is missing).
import numpy as np


class Parameter:
    def __init__(self, data):
        self.data = data
        self.grad = np.zeros_like(data)


class Dense:
    def __init__(self, n_in, n_out, rng):
        self.W = Parameter(rng.normal(0.0, 1.0 / np.sqrt(n_in), (n_in, n_out)))
        self.b = Parameter(np.zeros(n_out))

    def params(self):
        return [self.W, self.b]

    def forward(self, x):
        self.x = x
        return x @ self.W.data + self.b.data

    def backward(self, g):
        self.W.grad = self.x.T @ g
        self.b.grad = g.sum(axis=0)
        return g @ self.W.data.T


class Tanh:
    def params(self):
        return []

    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, g):
        return g * (1 - self.out)  # BUG(ND109): not the slope of tanh


class Sigmoid:
    def params(self):
        return []

    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, g):
        return g * self.out * (1 - self.out)


class Model:
    def __init__(self, *layers):
        self.layers = layers

    def parameters(self):
        return [p for layer in self.layers for p in layer.params()]

    def __call__(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, g):
        for layer in reversed(self.layers):
            g = layer.backward(g)


class SGDMomentum:
    def __init__(self, params, lr=2.0, mu=0.8):
        self.params = list(params)
        self.lr, self.mu = lr, mu
        self.buf = [np.zeros_like(p.data) for p in self.params]

    def step(self):
        for i, p in enumerate(self.params):
            self.buf[i] = self.mu * self.buf[i] + p.grad
            p.data -= self.lr * self.buf[i]


rng = np.random.default_rng(21)
X = rng.normal(size=(200, 2))
y = (np.sum(X**2, axis=1) < 1.2).astype(float).reshape(-1, 1)
model = Model(Dense(2, 8, rng), Tanh(), Dense(8, 1, rng), Sigmoid())
opt = SGDMomentum(model.parameters())

for epoch in range(600):
    p = model(X)
    loss = 0.5 * np.mean((p - y) ** 2)
    model.backward((p - y) / len(X))
    opt.step()
    if epoch % 100 == 0:
        print(epoch, round(float(loss), 4))
print("accuracy", float(np.mean((model(X) > 0.5) == y)))
