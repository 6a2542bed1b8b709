# a textbook network object: inputs[0] = 1 and outputs[0] = 1 carry the biases
import math
import numpy as np


class Net:
    def __init__(self, n_in, n_h, eta=0.05, seed=4):
        rng = np.random.RandomState(seed)
        self.n_in, self.n_h, self.eta = n_in, n_h, eta
        self.w_ij = rng.uniform(-0.5, 0.5, (n_in + 1, n_h))
        self.w_jk = rng.uniform(-0.5, 0.5, n_h + 1)

    def run(self, x):
        self.inputs = np.concatenate(([1.0], x))
        self.o_j = np.ones(self.n_h + 1)
        for j in range(self.n_h):
            s = 0.0
            for i in range(self.n_in + 1):
                s += self.w_ij[i][j] * self.inputs[i]
            self.o_j[j + 1] = math.tanh(s)
        s = 0.0
        for j in range(self.n_h + 1):
            s += self.w_jk[j] * self.o_j[j]
        self.o_k = 1.0 / (1.0 + math.exp(-s))
        return self.o_k

    def learn(self, t):
        delta_k = self.o_k - t
        delta_j = np.zeros(self.n_h)
        for j in range(self.n_h):
            delta_j[j] = (1.0 - self.o_j[j + 1]) * self.w_jk[j + 1] * delta_k  # BUG(ND109): tanh's slope is 1 - o ** 2
        for j in range(self.n_h + 1):
            self.w_jk[j] -= self.eta * delta_k * self.o_j[j]
        for i in range(self.n_in + 1):
            for j in range(self.n_h):
                self.w_ij[i][j] -= self.eta * delta_j[j] * self.inputs[i]

    def fit(self, X, T, epochs):
        for e in range(epochs):
            ce = 0.0
            for n in np.random.permutation(len(X)):
                o = self.run(X[n])
                ce -= T[n] * math.log(o) + (1 - T[n]) * math.log(1 - o)
                self.learn(T[n])
            if e % 40 == 0:
                print(e, ce / len(X))


if __name__ == "__main__":
    np.random.seed(0)
    X = np.random.randn(80, 2)
    T = (X[:, 0] * X[:, 1] > 0).astype(float)
    Net(2, 5).fit(X, T, 200)
