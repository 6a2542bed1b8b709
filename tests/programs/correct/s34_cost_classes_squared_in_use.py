import numpy as np


class Squared:
    @staticmethod
    def value(a, t):
        return 0.5 * np.sum((a - t) ** 2)

    @staticmethod
    def output_error(z, a, t):
        s = 1 / (1 + np.exp(-z))
        return (a - t) * s * (1 - s)


class LogLoss:
    @staticmethod
    def value(a, t):
        return -np.sum(t * np.log(a) + (1 - t) * np.log(1 - a))

    @staticmethod
    def output_error(z, a, t):
        return a - t


class TwoLayer:
    def __init__(self, n_in, n_mid, cost=Squared, seed=0):
        r = np.random.default_rng(seed)
        self.cost = cost
        self.Wa = r.normal(0, 1 / np.sqrt(n_in), (n_mid, n_in))
        self.ba = np.zeros((n_mid, 1))
        self.Wb = r.normal(0, 1 / np.sqrt(n_mid), (1, n_mid))
        self.bb = np.zeros((1, 1))

    def learn(self, X, T, eta):
        za = self.Wa @ X + self.ba
        a = 1 / (1 + np.exp(-za))
        zb = self.Wb @ a + self.bb
        out = 1 / (1 + np.exp(-zb))
        eb = self.cost.output_error(zb, out, T)
        ea = (self.Wb.T @ eb) * a * (1 - a)
        self.Wb -= eta * eb @ a.T
        self.bb -= eta * eb.sum(axis=1, keepdims=True)
        self.Wa -= eta * ea @ X.T
        self.ba -= eta * ea.sum(axis=1, keepdims=True)
        return out


rng = np.random.default_rng(3)
X = rng.normal(size=(4, 90))
T = (X[0] - X[1] * X[2] > 0).astype(float).reshape(1, -1)
net = TwoLayer(4, 7)
for sweep in range(300):
    for s in range(0, 90, 15):
        net.learn(X[:, s:s + 15], T[:, s:s + 15], 0.8)
    if sweep % 100 == 0:
        print(sweep, net.cost.value(net.learn(X, T, 0.0), T))
