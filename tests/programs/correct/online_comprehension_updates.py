# online learning: one update per point, run from a list comprehension
import numpy as np


class Perceptron2:
    def __init__(self, inputs, hidden, rate=0.1, seed=1):
        rs = np.random.RandomState(seed)
        self.V = rs.uniform(-1, 1, (hidden, inputs))
        self.c = np.zeros(hidden)
        self.w = rs.uniform(-1, 1, hidden)
        self.d = 0.0
        self.rate = rate

    def output(self, x):
        self.z = np.tanh(self.V @ x + self.c)
        return 1 / (1 + np.exp(-(self.w @ self.z + self.d)))

    def learn(self, x, target):
        o = self.output(x)
        g = o - target
        back = g * self.w * (1 - self.z ** 2)
        self.w -= self.rate * g * self.z
        self.d -= self.rate * g
        self.V -= self.rate * np.outer(back, x)
        self.c -= self.rate * back
        return -(target * np.log(o) + (1 - target) * np.log(1 - o))

    def fit(self, data, answers, rounds=100):
        for r in range(rounds):
            errors = [self.learn(data[j], answers[j]) for j in np.random.permutation(len(data))]
            if r % 25 == 0:
                print("round", r, "log loss", np.mean(errors))


np.random.seed(2)
grid = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
data = np.repeat(grid, 10, axis=0) + np.random.normal(0, 0.05, (40, 2))
answers = np.repeat([0.0, 1.0, 1.0, 0.0], 10)
model = Perceptron2(2, 5, rate=0.3)
model.fit(data, answers, rounds=120)
