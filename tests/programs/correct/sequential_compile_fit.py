# a small Sequential / Dense API with compile() and fit(): mini-batches, a loop over the layers
import numpy as np


class Dense:
    def __init__(self, units, activation=None):
        self.units, self.activation = units, activation
        self.W = self.b = None

    def build(self, fan_in, rng):
        self.W = rng.normal(0, np.sqrt(1 / fan_in), (fan_in, self.units))
        self.b = np.zeros(self.units)


class Sequential:
    def __init__(self):
        self.layers = []

    def add(self, layer):
        self.layers.append(layer)

    def compile(self, input_dim, lr=0.1, seed=0):
        rng = np.random.default_rng(seed)
        fan_in = input_dim
        for layer in self.layers:
            layer.build(fan_in, rng)
            fan_in = layer.units
        self.lr = lr

    def _forward(self, x):
        acts = [x]
        for layer in self.layers:
            z = acts[-1] @ layer.W + layer.b
            acts.append(np.tanh(z) if layer.activation == "tanh" else 1 / (1 + np.exp(-z)))
        return acts

    def fit(self, X, y, epochs=10, batch_size=16, verbose=True):
        rng = np.random.default_rng(1)
        history = {"loss": []}
        for epoch in range(epochs):
            order = rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                idx = order[start:start + batch_size]
                xb, yb = X[idx], y[idx]
                acts = self._forward(xb)
                delta = (acts[-1] - yb) / len(xb)
                for i in reversed(range(len(self.layers))):
                    layer = self.layers[i]
                    gW, gb = acts[i].T @ delta, delta.sum(axis=0)
                    if i > 0:
                        delta = (delta @ layer.W.T) * (1 - acts[i] ** 2)
                    layer.W -= self.lr * gW
                    layer.b -= self.lr * gb
            p = self._forward(X)[-1]
            history["loss"].append(float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))))
            if verbose and epoch % 20 == 0:
                print(f"Epoch {epoch}: loss={history['loss'][-1]:.4f}")
        return history


rng = np.random.default_rng(5)
X = rng.normal(size=(300, 2))
y = (np.sin(2 * X[:, :1]) > X[:, 1:]).astype(float)
model = Sequential()
model.add(Dense(12, activation="tanh"))
model.add(Dense(1, activation="sigmoid"))
model.compile(input_dim=2, lr=0.5)
model.fit(X, y, epochs=100)
