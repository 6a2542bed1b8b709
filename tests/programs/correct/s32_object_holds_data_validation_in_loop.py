"""The training data lives in the trainer from its constructor (`self.X = X`); the loop
steps it without arguments and scores a validation array it names itself."""

import numpy as np

rng = np.random.default_rng(31)
X = rng.normal(size=(220, 3))
y = ((X[:, 0] > 0.3) ^ (X[:, 2] < -0.2)).astype(float).reshape(-1, 1)
X_train, y_train, X_val, y_val = X[:160], y[:160], X[160:], y[160:]


class Trainer:
    def __init__(self, X, y, hidden=9, rate=1.0):
        self.X, self.y, self.rate = X, y, rate
        self.W1 = rng.normal(0, 0.7, (3, hidden))
        self.b1 = np.zeros(hidden)
        self.W2 = rng.normal(0, 0.7, (hidden, 1))
        self.b2 = np.zeros(1)

    def predict(self, inputs):
        hidden = np.tanh(inputs @ self.W1 + self.b1)
        return hidden, 1 / (1 + np.exp(-(hidden @ self.W2 + self.b2)))

    def step(self):
        hidden, p = self.predict(self.X)
        d2 = (p - self.y) / len(self.X)
        d1 = (d2 @ self.W2.T) * (1 - hidden**2)
        self.W2 -= self.rate * hidden.T @ d2
        self.b2 -= self.rate * d2.sum(axis=0)
        self.W1 -= self.rate * self.X.T @ d1
        self.b1 -= self.rate * d1.sum(axis=0)


trainer = Trainer(X_train, y_train)
for epoch in range(1200):
    trainer.step()
    _, p_val = trainer.predict(X_val)
    if epoch % 300 == 0:
        print(epoch, "validation accuracy", np.mean((p_val > 0.5) == y_val))
