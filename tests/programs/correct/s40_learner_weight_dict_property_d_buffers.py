import numpy as np

rs = np.random.RandomState(9)


class Net:
    """weights U, c, V, d; gradients dU, dc, dV, dd, zeroed before each backward"""

    def __init__(self, n_in, n_hid):
        self.U = rs.randn(n_in, n_hid) * 0.6
        self.c = np.zeros(n_hid)
        self.V = rs.randn(n_hid, 1) * 0.6
        self.d = np.zeros(1)
        self.zero_grad()

    @property
    def weights(self):
        return {"U": self.U, "c": self.c, "V": self.V, "d": self.d}

    @property
    def grads(self):
        return {"U": self.dU, "c": self.dc, "V": self.dV, "d": self.dd}

    def zero_grad(self):
        self.dU = np.zeros_like(self.U)
        self.dc = np.zeros_like(self.c)
        self.dV = np.zeros_like(self.V)
        self.dd = np.zeros_like(self.d)

    def forward(self, X):
        self.X = X
        self.z = X @ self.U + self.c
        self.h = np.maximum(self.z, 0.0)
        self.out = 1 / (1 + np.exp(-(self.h @ self.V + self.d)))
        return self.out

    def backward(self, y):
        m = len(y)
        err = self.out - y
        self.dV += self.h.T @ err / m
        self.dd += err.mean(axis=0)
        dh = (err @ self.V.T) * (self.z > 0)
        self.dU += self.X.T @ dh / m
        self.dc += dh.mean(axis=0)


class RMSprop:
    def __init__(self, lr=0.01, rho=0.9):
        self.lr, self.rho, self.cache = lr, rho, None

    def step(self, net):
        W, G = net.weights, net.grads
        if self.cache is None:
            self.cache = {k: np.zeros_like(w) for k, w in W.items()}
        for k in W:
            self.cache[k] = self.rho * self.cache[k] + (1 - self.rho) * G[k] ** 2
            W[k] -= self.lr * G[k] / (np.sqrt(self.cache[k]) + 1e-8)


class Learner:
    def __init__(self, net, data, opt, callbacks=None):
        self.net, (self.X, self.y), self.opt = net, data, opt
        self.callbacks = callbacks or []

    def fit(self, epochs):
        for epoch in range(epochs):
            self.net.zero_grad()
            p = self.net.forward(self.X)
            self.net.backward(self.y)
            self.opt.step(self.net)
            for cb in self.callbacks:
                cb(self, epoch, p)


def progress(learner, epoch, p):
    if epoch % 200 == 0:
        y = learner.y
        print(epoch, -np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)))


X = rs.randn(150, 3)
y = (X[:, 0] * X[:, 1] - X[:, 2] > 0).astype(float)[:, None]
Learner(Net(3, 12), (X, y), RMSprop(), callbacks=[progress]).fit(800)
