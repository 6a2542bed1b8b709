import numpy as np

table = np.genfromtxt("students.csv", delimiter=",", skip_header=1)
features = table[:, :-1]
labels = table[:, -1]
features = (features - features.mean(axis=0)) / features.std(axis=0)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


class Net:
    def __init__(self, n_in, n_hidden):
        rng = np.random.default_rng(5)
        self.W1 = rng.standard_normal((n_in, n_hidden)) * 0.5
        self.b1 = np.zeros(n_hidden)
        self.W2 = rng.standard_normal((n_hidden, 1)) * 0.5
        self.b2 = np.zeros(1)

    def forward(self, X):
        self.h = sigmoid(X @ self.W1 + self.b1)
        self.out = sigmoid(self.h @ self.W2 + self.b2)
        return self.out

    def backward(self, X, y, lr):
        y = y.reshape(-1, 1)
        delta2 = self.out - y
        dW2 = self.h.T @ delta2
        db2 = delta2.sum(axis=0)
        delta1 = delta2 @ self.W2.T * self.h * (1 - self.h)
        dW1 = X.T @ delta1
        db1 = delta1.sum(axis=0)
        self.W2 -= lr * dW2
        self.b2 -= lr * db2
        self.W1 -= lr * dW1
        self.b1 -= lr * db1


net = Net(features.shape[1], 4)
for i in range(500):
    net.forward(features)
    net.backward(features, labels, 0.05)
