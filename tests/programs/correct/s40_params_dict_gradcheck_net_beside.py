import numpy as np

np.random.seed(5)
N = 400
pts = np.random.randn(N, 2) * 1.2
extra = np.random.randn(N, 1)
X = np.hstack([pts, extra])
y = (pts[:, 0] * pts[:, 1] > 0).astype(int)
X_train, y_train = X[:300], y[:300]


class Net(object):
    def __init__(self, input_size, hidden_size, std=0.5):
        self.params = {}
        self.params["W1"] = std * np.random.randn(input_size, hidden_size)
        self.params["b1"] = np.zeros(hidden_size)
        self.params["W2"] = std * np.random.randn(hidden_size)
        self.params["b2"] = 0.0

    def loss(self, X, y=None):
        W1, b1 = self.params["W1"], self.params["b1"]
        W2, b2 = self.params["W2"], self.params["b2"]
        hidden_in = X.dot(W1) + b1
        hidden = np.maximum(0, hidden_in)
        scores = hidden.dot(W2) + b2
        if y is None:
            return scores
        loss = np.mean(np.logaddexp(0, scores) - y * scores)
        probs = 1.0 / (1.0 + np.exp(-scores))
        dscores = (probs - y) / X.shape[0]
        grads = {"W2": hidden.T.dot(dscores), "b2": np.sum(dscores)}
        dhidden = np.outer(dscores, W2)
        dhidden[hidden_in <= 0] = 0
        grads["W1"] = X.T.dot(dhidden)
        grads["b1"] = np.sum(dhidden, axis=0)
        return loss, grads

    def train(self, X, y, learning_rate=0.3, num_iters=1500):
        history = []
        for it in range(num_iters):
            loss, grads = self.loss(X, y)
            history.append(loss)
            for k in self.params:
                self.params[k] = self.params[k] - learning_rate * grads[k]
        return history


def numeric_grad(f, x, h=1e-5):
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        keep = x[ix]
        x[ix] = keep + h
        up = f(x)
        x[ix] = keep - h
        down = f(x)
        x[ix] = keep
        grad[ix] = (up - down) / (2 * h)
        it.iternext()
    return grad


# a small copy of the net, only to compare its gradients with numerical ones
tiny = Net(3, 4)
_, analytic = tiny.loss(X_train[:10], y_train[:10])
for name in ["W1", "b1", "W2"]:
    approx = numeric_grad(lambda _: tiny.loss(X_train[:10], y_train[:10])[0], tiny.params[name])
    print(name, np.max(np.abs(approx - analytic[name])))

model = Net(3, 16)
history = model.train(X_train, y_train)
print("first and last loss", history[0], history[-1])
