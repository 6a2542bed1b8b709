import numpy as np

np.random.seed(0)
N = 600
X = np.random.randn(N, 2)
y = ((X[:, 0] ** 2 + X[:, 1] ** 2) < 1.2).astype(float)
split = int(0.8 * N)
X_train, X_val = X[:split], X[split:]
y_train, y_val = y[:split], y[split:]


class Layer:
    def __call__(self, x):
        return self.forward(x)

    def parameters(self):
        return {}


class Linear(Layer):
    def __init__(self, fan_in, fan_out, tag):
        self.tag = tag
        self.weight = np.random.randn(fan_in, fan_out) * np.sqrt(1.0 / fan_in)
        self.bias = np.zeros((1, fan_out))
        self.grads = {}

    def forward(self, x):
        self.inp = x
        return x @ self.weight + self.bias

    def backward(self, dout):
        self.grads["weight"] = self.inp.T @ dout
        self.grads["bias"] = dout.sum(axis=0, keepdims=True)
        return dout @ self.weight.T

    def parameters(self):
        return {f"{self.tag}/weight": (self, "weight"), f"{self.tag}/bias": (self, "bias")}


class Tanh(Layer):
    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, dout):
        return dout * (1 - self.out ** 2)


class Sequential:
    def __init__(self, *layers):
        self.layers = list(layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def backward(self, grad):
        for layer in self.layers[::-1]:
            grad = layer.backward(grad)
        return grad

    def parameters(self):
        found = {}
        for layer in self.layers:
            found.update(layer.parameters())
        return found


class SigmoidBCE:
    """Binary cross-entropy on logits; the sigmoid lives here."""

    def forward(self, logits, targets):
        self.probs = 1.0 / (1.0 + np.exp(-logits))
        self.targets = targets
        p = np.clip(self.probs, 1e-9, 1 - 1e-9)
        return float(-np.mean(targets * np.log(p) + (1 - targets) * np.log(1 - p)))

    def backward(self):
        return (self.probs - self.targets) * self.probs * (1 - self.probs) / self.targets.shape[0]  # BUG(ND104): the loss owns the sigmoid; its gradient on the logits is p - y


class Adam:
    def __init__(self, params, lr=0.005, betas=(0.9, 0.999), eps=1e-8):
        self.params = params
        self.lr = lr
        self.b1, self.b2 = betas
        self.eps = eps
        self.m = {k: 0.0 for k in params}
        self.v = {k: 0.0 for k in params}
        self.t = 0

    def step(self):
        self.t += 1
        for key, (owner, attr) in self.params.items():
            g = owner.grads[attr]
            self.m[key] = self.b1 * self.m[key] + (1 - self.b1) * g
            self.v[key] = self.b2 * self.v[key] + (1 - self.b2) * g ** 2
            m_hat = self.m[key] / (1 - self.b1 ** self.t)
            v_hat = self.v[key] / (1 - self.b2 ** self.t)
            new_value = getattr(owner, attr) - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
            setattr(owner, attr, new_value)


def fit(model, criterion, optimizer, X, y, epochs=40, batch_size=48):
    y = y.reshape(-1, 1)
    for epoch in range(1, epochs + 1):
        perm = np.random.permutation(X.shape[0])
        losses = []
        for start in range(0, X.shape[0], batch_size):
            rows = perm[start:start + batch_size]
            logits = model.forward(X[rows])
            losses.append(criterion.forward(logits, y[rows]))
            model.backward(criterion.backward())
            optimizer.step()
        if epoch % 10 == 0:
            val_logits = model.forward(X_val)
            val_acc = np.mean((val_logits.ravel() > 0) == y_val)
            print(f"epoch {epoch} train loss {np.mean(losses):.4f} val acc {val_acc:.3f}")


if __name__ == "__main__":
    model = Sequential(Linear(2, 12, "fc1"), Tanh(), Linear(12, 1, "fc2"))
    fit(model, SigmoidBCE(), Adam(model.parameters()), X_train, y_train)
