import numpy as np


class BinaryClassifier:
    def __init__(self, n_features, n_hidden=6, eta=0.3):
        self.W_h = np.random.randn(n_features, n_hidden) * 0.5
        self.b_h = np.zeros((1, n_hidden))
        self.W_o = np.random.randn(n_hidden, 1) * 0.5
        self.b_o = np.zeros((1, 1))
        self.eta = eta

    def fit(self, X, y, n_epochs=1000):
        history = []
        for epoch in range(n_epochs):
            H = np.tanh(X @ self.W_h + self.b_h)
            P = 1 / (1 + np.exp(-(H @ self.W_o + self.b_o)))
            history.append(float(np.mean((P > 0.5) == y)))
            err = P - y
            self.W_o -= self.eta * H.T @ err
            self.b_o -= self.eta * err.sum(axis=0, keepdims=True)
            err_h = (err @ self.W_o.T) * (1 - H ** 2)  # BUG(ND111): W_o was already updated above
            self.W_h -= self.eta * X.T @ err_h
            self.b_h -= self.eta * err_h.sum(axis=0, keepdims=True)
        return history


np.random.seed(21)
X = np.random.randn(24, 2)
y = (X[:, :1] * X[:, 1:] > 0).astype(float)
clf = BinaryClassifier(2)
acc = clf.fit(X, y)
print("final accuracy", acc[-1])
