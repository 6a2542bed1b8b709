# Keras-like layers, Adam over (layer, "w", "dw") triples; the slope is always the sigmoid's
import numpy as np

np.random.seed(8)


def act(name, z):
    return np.tanh(z) if name == "tanh" else 1.0 / (1.0 + np.exp(-z))


def act_slope(name, a):
    return 1.0 - a * a if name == "tanh" else a * (1.0 - a)


class Dense:
    def __init__(self, n_in, n_out, activation):
        self.w = np.random.randn(n_in, n_out) * np.sqrt(1.0 / n_in)
        self.b = np.zeros((1, n_out))
        self.activation = activation

    def __call__(self, x):
        self.x = x
        self.a = act(self.activation, x @ self.w + self.b)
        return self.a

    def backward(self, delta, delta_is_dz=False):
        dz = delta if delta_is_dz else delta * act_slope("sigmoid", self.a)  # BUG(ND109): the sigmoid slope on tanh layers
        self.dw = self.x.T @ dz
        self.db = dz.sum(axis=0, keepdims=True)
        return dz @ self.w.T

    def params(self):
        return [(self, "w", "dw"), (self, "b", "db")]


class Adam:
    def __init__(self, triples, lr=0.01, b1=0.9, b2=0.999):
        self.triples, self.lr, self.b1, self.b2, self.k = triples, lr, b1, b2, 0
        self.mom = [np.zeros_like(getattr(o, n)) for o, n, _ in triples]
        self.sq = [np.zeros_like(getattr(o, n)) for o, n, _ in triples]

    def step(self):
        self.k += 1
        for j, (obj, name, gname) in enumerate(self.triples):
            g = getattr(obj, gname)
            self.mom[j] = self.b1 * self.mom[j] + (1 - self.b1) * g
            self.sq[j] = self.b2 * self.sq[j] + (1 - self.b2) * g * g
            mh = self.mom[j] / (1 - self.b1**self.k)
            vh = self.sq[j] / (1 - self.b2**self.k)
            setattr(obj, name, getattr(obj, name) - self.lr * mh / (np.sqrt(vh) + 1e-8))


class Model:
    def __init__(self, *layers):
        self.layers = list(layers)
        self.opt = None

    def compile(self, lr):
        self.opt = Adam([t for layer in self.layers for t in layer.params()], lr=lr)

    def predict(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def fit(self, X, y, epochs, batch):
        for ep in range(epochs):
            order = np.random.permutation(len(X))
            for k in range(0, len(X), batch):
                sel = order[k : k + batch]
                p = self.predict(X[sel])
                g = self.layers[-1].backward((p - y[sel]) / len(sel), delta_is_dz=True)
                for layer in reversed(self.layers[:-1]):
                    g = layer.backward(g)
                self.opt.step()
            if ep % 20 == 0:
                print("epoch", ep)


X = np.random.uniform(-1, 1, (300, 2))
y = (np.sin(3 * X[:, :1]) > X[:, 1:]).astype(float)
model = Model(Dense(2, 10, "tanh"), Dense(10, 10, "tanh"), Dense(10, 1, "sigmoid"))
model.compile(lr=0.01)
model.fit(X, y, epochs=100, batch=30)
print("acc", np.mean((model.predict(X) > 0.5) == y))
