# a Trainer object called like a function on batches a generator function yields, a callback list
import numpy as np

rng = np.random.default_rng(123)


def make_blobs(n):
    a = rng.normal(loc=(-1, 0.5), scale=0.6, size=(n, 2))
    b = rng.normal(loc=(1, -0.5), scale=0.6, size=(n, 2))
    return np.vstack([a, b]), np.r_[np.zeros(n), np.ones(n)].reshape(-1, 1)


def batches(X, y, size):
    order = rng.permutation(len(X))
    for s in range(0, len(X), size):
        idx = order[s:s + size]
        yield X[idx], y[idx]


class Trainer:
    def __init__(self, n_in, n_hidden, lr):
        self.W = rng.normal(scale=0.5, size=(n_in, n_hidden))
        self.c = np.zeros(n_hidden)
        self.v = rng.normal(scale=0.5, size=n_hidden)
        self.d = 0.0
        self.lr = lr
        self.callbacks = []

    def predict(self, X):
        H = 1 / (1 + np.exp(-(X @ self.W + self.c)))
        return H, 1 / (1 + np.exp(-(H @ self.v + self.d)))

    def __call__(self, xb, yb):
        H, p = self.predict(xb)
        t = yb.ravel()
        e = (p - t) / len(xb)
        gv = H.T @ e
        gd = e.sum()
        eh = np.outer(e, self.v) * H * (1 - H)
        gW = xb.T @ eh
        gc = eh.sum(axis=0)
        self.W -= self.lr * gW
        self.c -= self.lr * gc
        self.v -= self.lr * gv
        self.d -= self.lr * gd
        return float(-np.mean(t * np.log(p) + (1 - t) * np.log(1 - p)))


X, y = make_blobs(60)
step = Trainer(2, 6, lr=0.8)
step.callbacks.append(lambda epoch, loss: print(f"epoch {epoch}: {loss:.3f}") if epoch % 20 == 0 else None)
for epoch in range(100):
    losses = [step(xb, yb) for xb, yb in batches(X, y, 16)]
    for callback in step.callbacks:
        callback(epoch, np.mean(losses))
print("accuracy", np.mean((step.predict(X)[1] > 0.5) == y.ravel()))
