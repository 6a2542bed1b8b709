import math
import random

random.seed(1)


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


class Neuron:
    def __init__(self, n_inputs):
        self.weights = [random.uniform(-1, 1) for _ in range(n_inputs)]
        self.bias = random.uniform(-1, 1)
        self.output = 0.0
        self.delta = 0.0
        self.inputs = []

    def activate(self, inputs):
        self.inputs = inputs
        total = self.bias
        for w, x in zip(self.weights, inputs):
            total += w * x
        self.output = sigmoid(total)
        return self.output

    def update(self, rate):
        for i in range(len(self.weights)):
            self.weights[i] -= rate * self.delta * self.inputs[i]
        self.bias -= rate * self.delta


class Network:
    def __init__(self, n_in, n_hidden):
        self.hidden = [Neuron(n_in) for _ in range(n_hidden)]
        self.out = Neuron(n_hidden)

    def forward(self, x):
        h = [n.activate(x) for n in self.hidden]
        return self.out.activate(h)

    def backward(self, target):
        o = self.out.output
        self.out.delta = (o - target) * o * (1 - o)  # BUG(ND104): the squared-error delta under a cross-entropy loss
        for j, n in enumerate(self.hidden):
            n.delta = self.out.weights[j] * self.out.delta * n.output * (1 - n.output)

    def train(self, data, epochs, rate):
        for epoch in range(epochs):
            loss = 0.0
            for x, t in data:
                o = self.forward(x)
                loss += -(t * math.log(o) + (1 - t) * math.log(1 - o))
                self.backward(t)
                self.out.update(rate)
                for n in self.hidden:
                    n.update(rate)
            if epoch % 500 == 0:
                print(epoch, loss / len(data))


data = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]
net = Network(2, 3)
net.train(data, 3000, 0.5)
for x, t in data:
    print(x, t, round(net.forward(x), 3))
