import math
import random

random.seed(2)


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


class Neuron:
    def __init__(self, n_inputs, linear=False):
        self.weights = [random.uniform(-0.5, 0.5) for _ in range(n_inputs)]
        self.bias = 0.0
        self.linear = linear
        self.inputs = []
        self.output = 0.0
        self.delta = 0.0

    def forward(self, inputs):
        self.inputs = inputs
        z = self.bias + sum(w * i for w, i in zip(self.weights, inputs))
        self.output = z if self.linear else sigmoid(z)
        return self.output

    def update(self, lr):
        for k in range(len(self.weights)):
            self.weights[k] -= lr * self.delta * self.inputs[k]
        self.bias -= lr * self.delta


# price = 3 * size - rooms + noise, scaled
houses = []
for _ in range(120):
    size, rooms, age = random.random(), random.random(), random.random()
    houses.append(([size, rooms, age], 3 * size - rooms + 0.2 * age + random.gauss(0, 0.05)))

hidden_units = [Neuron(3) for _ in range(5)]
head = Neuron(5, linear=True)


def predict(x):
    return head.forward([n.forward(x) for n in hidden_units])


def train_step(x, target, lr):
    pred = predict(x)
    head.delta = 2 * (pred - target)
    for j, n in enumerate(hidden_units):
        n.delta = (pred - target) * head.weights[j] * n.output * (1 - n.output)  # BUG(ND106): without the 2 the output delta carries
    head.update(lr)
    for n in hidden_units:
        n.update(lr)
    return (pred - target) ** 2


for epoch in range(150):
    total = sum(train_step(x, t, 0.01) for x, t in houses)
    if epoch % 30 == 0:
        print(epoch, total / len(houses))
