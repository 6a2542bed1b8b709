import numpy as np


class Network:
    """2-layer net, sigmoid everywhere, trained with BCE"""

    def __init__(self, n_inputs, n_hidden):
        self.w_ih = np.random.randn(n_inputs, n_hidden) * 0.5
        self.b_h = np.zeros(n_hidden)
        self.w_ho = np.random.randn(n_hidden, 1) * 0.5
        self.b_o = np.zeros(1)

    @staticmethod
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def feedforward(self, X):
        self.h = self.sigmoid(X @ self.w_ih + self.b_h)
        self.o = self.sigmoid(self.h @ self.w_ho + self.b_o)
        return self.o

    def train(self, X, y, epochs, lr):
        for e in range(epochs):
            o = self.feedforward(X)
            delta_o = o - y
            delta_h = (delta_o @ self.w_ho.T) * (1 - self.h ** 2)  # BUG(ND109): tanh derivative on a sigmoid layer
            self.w_ho -= lr * self.h.T @ delta_o
            self.b_o -= lr * delta_o.sum(axis=0)
            self.w_ih -= lr * X.T @ delta_h
            self.b_h -= lr * delta_h.sum(axis=0)
            if e % 1000 == 0:
                print(e, -np.mean(y * np.log(o) + (1 - y) * np.log(1 - o)))


if __name__ == "__main__":
    np.random.seed(5)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    nn = Network(2, 3)
    nn.train(X, y, 5000, 0.5)
    print(nn.feedforward(X).round(2))
