"""A Model with a gradient dict it zeroes each epoch, an RMSProp that steps each weight
through getattr, and a Trainer with callbacks."""
import numpy as np


class Model:
    def __init__(self, n_in, n_hidden, seed=0):
        r = np.random.default_rng(seed)
        self.w_in = r.normal(0.0, 0.7, (n_in, n_hidden))
        self.b_in = np.zeros((1, n_hidden))
        self.w_top = r.normal(0.0, 0.7, (n_hidden, 1))
        self.b_top = np.zeros((1, 1))
        self.zero_grad()

    @property
    def names(self):
        return ("w_in", "b_in", "w_top", "b_top")

    def __repr__(self):
        return f"Model{self.w_in.shape}"

    def zero_grad(self):
        self.grad = {k: np.zeros_like(getattr(self, k)) for k in self.names}

    def forward(self, X):
        self._X = X
        self._h = np.tanh(X @ self.w_in + self.b_in)
        self._p = 1.0 / (1.0 + np.exp(-(self._h @ self.w_top + self.b_top)))
        return self._p

    def backward(self, y):
        d_top = (self._p - y) / len(y)
        self.grad["w_top"] += self._h.T @ d_top
        self.grad["b_top"] += d_top.sum(axis=0, keepdims=True)
        d_h = (d_top @ self.w_top.T) * (1.0 - self._h**2)
        self.grad["w_in"] += self._X.T @ d_h
        self.grad["b_in"] += d_h.sum(axis=0, keepdims=True)


class RMSProp:
    def __init__(self, lr=0.01, decay=0.9):
        self.lr, self.decay, self.sq = lr, decay, {}

    def step(self, model):
        for k in model.names:
            p = getattr(model, k)
            g = model.grad[k]
            s = self.sq.setdefault(k, np.zeros_like(p))
            s *= self.decay
            s += (1 - self.decay) * g * g
            p -= self.lr * g / (np.sqrt(s) + 1e-8)


class Trainer:
    def __init__(self, model, X, y, opt, callbacks=()):
        self.model, self.X, self.y, self.opt = model, X, y, opt
        self.callbacks = list(callbacks)
        self.stop = False

    def fit(self, epochs):
        history = {"loss": []}
        for epoch in range(epochs):
            self.model.zero_grad()
            p = self.model.forward(self.X)
            history["loss"].append(float(-np.mean(self.y * np.log(p) + (1 - self.y) * np.log(1 - p))))
            self.model.backward(self.y)
            self.opt.step(self.model)
            for cb in self.callbacks:
                cb(self, epoch, history)
            if self.stop:
                break
        return history


def report(trainer, epoch, history):
    if epoch % 200 == 0:
        print(epoch, round(history["loss"][-1], 4))


rng = np.random.default_rng(4)
X = rng.normal(size=(120, 2))
y = (np.abs(X[:, 0]) + np.abs(X[:, 1]) < 1.2).astype(float).reshape(-1, 1)
model = Model(2, 10)
print(model)
hist = Trainer(model, X, y, RMSProp(), callbacks=[report]).fit(1000)
