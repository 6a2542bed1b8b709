import math
import random

random.seed(4)

rows = []
for _ in range(160):
    a, b, c = random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1)
    rows.append([a, b, c, 1.0 if a * a + b * b < 0.5 else 0.0])


class Unit:
    def __init__(self, n_in, kind):
        self.weights = [random.uniform(-0.6, 0.6) for _ in range(n_in)]
        self.bias = 0.05
        self.kind = kind
        self.inputs = None
        self.z = 0.0
        self.output = 0.0
        self.delta = 0.0

    def run(self, inputs):
        self.inputs = inputs
        self.z = self.bias
        for i in range(len(inputs)):
            self.z += self.weights[i] * inputs[i]
        if self.kind == "relu":
            self.output = max(0.0, self.z)
        else:
            self.output = 1.0 / (1.0 + math.exp(-max(-500.0, min(500.0, self.z))))
        return self.output

    def adjust(self, lr):
        for i in range(len(self.weights)):
            self.weights[i] = self.weights[i] - lr * self.delta * self.inputs[i]
        self.bias = self.bias - lr * self.delta


class Model:
    def __init__(self, n_in, n_hidden, lr=0.05):
        self.hidden = [Unit(n_in, "relu") for _ in range(n_hidden)]
        self.last = Unit(n_hidden, "sigmoid")
        self.lr = lr

    def forward(self, x):
        return self.last.run([u.run(x) for u in self.hidden])

    def backward(self, target):
        top = self.last
        top.delta = top.output - target
        top.adjust(self.lr)
        for j, u in enumerate(self.hidden):
            gate = 1.0 if u.z > 0 else 0.0
            u.delta = top.weights[j] * top.delta * gate  # BUG(ND111): the output unit was adjusted above, before the hidden deltas read its weights
            u.adjust(self.lr)

    def fit(self, data, epochs):
        for e in range(epochs):
            random.shuffle(data)
            total = 0.0
            for r in data:
                x, t = r[:-1], r[-1]
                p = min(max(self.forward(x), 1e-10), 1 - 1e-10)
                total += -t * math.log(p) - (1 - t) * math.log(1 - p)
                self.backward(t)
            if e % 25 == 0:
                print(e, total / len(data))


if __name__ == "__main__":
    Model(3, 7).fit(rows, 100)
