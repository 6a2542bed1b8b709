# layer objects and an SGD-with-momentum object that steps each layer in place; XOR
import numpy as np

rng = np.random.RandomState(6)


class Layer:
    def __init__(self, n_in, n_out, squash):
        self.W = rng.randn(n_in, n_out) * 0.9
        self.b = np.zeros(n_out)
        self.squash = squash

    def forward(self, a):
        self.a_in = a
        self.a_out = np.tanh(a @ self.W + self.b) if self.squash == "tanh" else 1 / (1 + np.exp(-(a @ self.W + self.b)))
        return self.a_out

    def backward(self, d, is_dz=False):
        dz = d if is_dz else d * (1 - self.a_out**2)
        self.gW = self.a_in.T @ dz
        self.gb = dz.sum(axis=0)
        return dz @ self.W.T


class Momentum:
    def __init__(self, rate=0.5, mu=0.8):
        self.rate, self.mu, self.speed = rate, mu, {}

    def step(self, layer):
        if id(layer) not in self.speed:
            self.speed[id(layer)] = (np.zeros_like(layer.W), np.zeros_like(layer.b))
        sW, sb = self.speed[id(layer)]
        sW[:] = self.mu * sW - self.rate * layer.gW
        sb[:] = self.mu * sb - self.rate * layer.gb
        layer.W += sW
        layer.b += sb


class Net:
    def __init__(self, layers, opt):
        self.layers, self.opt = layers, opt

    def predict(self, X):
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def train(self, X, Y, rounds=1000):
        for r in range(rounds):
            out = self.predict(X)
            d = self.layers[-1].backward((out - Y) / len(X), is_dz=True)
            for layer in reversed(self.layers[:-1]):
                d = layer.backward(d)
            for layer in self.layers:
                self.opt.step(layer)
            if r % 250 == 0:
                print(r, float(-np.mean(Y * np.log(out) + (1 - Y) * np.log(1 - out))))


X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])
net = Net([Layer(2, 3, "tanh"), Layer(3, 1, "sigmoid")], Momentum())
net.train(X, Y)
print(net.predict(X).ravel())
