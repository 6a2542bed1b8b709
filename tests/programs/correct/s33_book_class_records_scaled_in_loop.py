# the book's three-layer network, a little modified: one record at a time,
# the pixels rescaled to 0.01..1.0 inside the loop, targets 0.01 / 0.99
import numpy
import matplotlib.pyplot as plt

numpy.random.seed(21)


class neuralNetwork:
    def __init__(self, inputnodes, hiddennodes, outputnodes, learningrate):
        self.inodes = inputnodes
        self.hnodes = hiddennodes
        self.onodes = outputnodes
        self.wih = numpy.random.normal(0.0, pow(self.inodes, -0.5), (self.hnodes, self.inodes))
        self.who = numpy.random.normal(0.0, pow(self.hnodes, -0.5), (self.onodes, self.hnodes))
        self.bh = numpy.zeros((self.hnodes, 1))
        self.bo = numpy.zeros((self.onodes, 1))
        self.lr = learningrate
        self.activation_function = lambda x: 1.0 / (1.0 + numpy.exp(-x))

    def train(self, inputs_list, targets_list):
        inputs = numpy.array(inputs_list, ndmin=2).T
        targets = numpy.array(targets_list, ndmin=2).T
        hidden_outputs = self.activation_function(numpy.dot(self.wih, inputs) + self.bh)
        final_outputs = self.activation_function(numpy.dot(self.who, hidden_outputs) + self.bo)
        output_errors = targets - final_outputs
        delta_o = output_errors * final_outputs * (1.0 - final_outputs)
        hidden_errors = numpy.dot(self.who.T, delta_o)
        delta_h = hidden_errors * hidden_outputs * (1.0 - hidden_outputs)
        self.who += self.lr * numpy.dot(delta_o, hidden_outputs.T)
        self.bo += self.lr * delta_o
        self.wih += self.lr * numpy.dot(delta_h, inputs.T)
        self.bh += self.lr * delta_h
        return float(numpy.sum(output_errors ** 2))

    def query(self, inputs_list):
        inputs = numpy.array(inputs_list, ndmin=2).T
        hidden_outputs = self.activation_function(numpy.dot(self.wih, inputs) + self.bh)
        return self.activation_function(numpy.dot(self.who, hidden_outputs) + self.bo)


def make_image(bright_top):
    img = numpy.random.uniform(0, 120, (4, 4))
    if bright_top:
        img[:2] += 130
    return img


# records of (4x4 "image" with values 0..255, label)
records = []
for i in range(160):
    records.append((make_image(i % 2 == 1), i % 2))

n = neuralNetwork(16, 10, 1, 0.3)

for e in range(15):
    err = 0.0
    for record in records:
        img, label = record
        inputs = (numpy.asarray(img, dtype=float).flatten() / 255.0 * 0.99) + 0.01
        targets = numpy.zeros(1) + 0.01
        targets[0] = 0.99 if label == 1 else 0.01
        err += n.train(inputs, targets)
    print("epoch", e, "error", err / len(records))

scorecard = []
for img, label in records[:40]:
    out = n.query((numpy.asarray(img, dtype=float).flatten() / 255.0 * 0.99) + 0.01)
    scorecard.append(1 if (out[0, 0] > 0.5) == (label == 1) else 0)
print("performance =", sum(scorecard) / len(scorecard))
plt.plot(scorecard)
plt.savefig("scores.png")
