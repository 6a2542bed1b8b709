import numpy as np

NAMES = ("W1", "b1", "W2", "b2")


class Net:
    def __init__(self, rng, hidden=6):
        self.W1 = rng.normal(0, 0.8, (2, hidden))
        self.b1 = np.zeros(hidden)
        self.W2 = rng.normal(0, 0.8, (hidden, 1))
        self.b2 = np.zeros(1)

    def forward(self, X):
        self.h = np.tanh(X @ self.W1 + self.b1)
        self.p = 1 / (1 + np.exp(-(self.h @ self.W2 + self.b2)))
        return self.p

    def gradients(self, X, y):
        delta = (self.p - y) / len(X)
        back = delta @ self.W2.T * (1 - self.h**2)
        return {"W1": X.T @ back, "b1": back.sum(0), "W2": self.h.T @ delta, "b2": delta.sum(0)}

    def snapshot(self):
        return {name: getattr(self, name).copy() for name in NAMES}


class Trainer:
    def __init__(self, net, lr=0.8, patience=50):
        self.net, self.lr, self.patience = net, lr, patience

    def bce(self, X, y):
        p = self.net.forward(X)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    def run(self, X, y, Xv, yv, epochs=1500):
        best_loss, best_state, waited = np.inf, self.net.snapshot(), 0
        for epoch in range(epochs):
            self.net.forward(X)
            for name, g in self.net.gradients(X, y).items():
                setattr(self.net, name, getattr(self.net, name) - self.lr * g)
            val = self.bce(Xv, yv)
            if val < best_loss - 1e-5:
                best_loss, best_state, waited = val, self.net.snapshot(), 0
            else:
                waited += 1
                if waited > self.patience:
                    break
        for name, value in best_state.items():
            setattr(self.net, name, value)
        return best_loss


rng = np.random.default_rng(21)
pts = rng.uniform(-1, 1, (300, 2))
lab = (pts[:, :1] * pts[:, 1:] > 0).astype(float)
net = Net(rng)
print("best validation loss", Trainer(net).run(pts[:240], lab[:240], pts[240:], lab[240:]))
