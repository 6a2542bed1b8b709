# Neuron / NeuronLayer classes in the step-by-step backprop post's shape, one-hot inputs
import math
import random


class Neuron:
    def __init__(self, n_inputs):
        self.weights = [random.uniform(-0.8, 0.8) for _ in range(n_inputs)]
        self.bias = random.uniform(-0.8, 0.8)

    def calculate_output(self, inputs):
        self.inputs = inputs
        total = self.bias + sum(w * x for w, x in zip(self.weights, inputs))
        self.output = 1 / (1 + math.exp(-total))
        return self.output

    def pd_net_input_wrt_input(self):
        return self.output * (1 - self.output)


class NeuronLayer:
    def __init__(self, n_neurons, n_inputs):
        self.neurons = [Neuron(n_inputs) for _ in range(n_neurons)]

    def feed_forward(self, inputs):
        return [n.calculate_output(inputs) for n in self.neurons]


class NeuralNetwork:
    LEARNING_RATE = 0.4

    def __init__(self, n_in, n_hidden):
        self.hidden_layer = NeuronLayer(n_hidden, n_in)
        self.output_layer = NeuronLayer(1, n_hidden)

    def feed_forward(self, inputs):
        return self.output_layer.feed_forward(self.hidden_layer.feed_forward(inputs))

    def train(self, inputs, target):
        self.feed_forward(inputs)
        top = self.output_layer.neurons[0]
        d_out = (top.output - target) * top.pd_net_input_wrt_input()
        d_hid = [d_out * top.weights[h] * n.pd_net_input_wrt_input()
                 for h, n in enumerate(self.hidden_layer.neurons)]
        for h in range(len(top.weights)):
            top.weights[h] -= self.LEARNING_RATE * d_out * top.inputs[h]
        top.bias -= self.LEARNING_RATE * d_out
        for n, d in zip(self.hidden_layer.neurons, d_hid):
            for i in range(len(n.weights)):
                n.weights[i] -= self.LEARNING_RATE * d * n.inputs[i]
            n.bias -= self.LEARNING_RATE * d


random.seed(2)
# which of four positions is lit: positions 0 and 3 are "edges"
samples = [([1, 0, 0, 0], 1), ([0, 1, 0, 0], 0), ([0, 0, 1, 0], 0), ([0, 0, 0, 1], 1)]
net = NeuralNetwork(4, 3)
for i in range(4000):
    x, t = random.choice(samples)
    net.train(x, t)
    if i % 1000 == 0:
        print(i, [round(net.feed_forward(s)[0], 2) for s, _ in samples])
