# "My net never learns XOR, what is wrong?" (the driver was left out of the question)
import numpy as np

dataset = [([0, 0], [0]), ([0, 1], [1]), ([1, 0], [1]), ([1, 1], [0]), ([1, 1], [0]), ([0, 1], [1])]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class NeuralNet:
    def __init__(self, n_inputs, n_hidden, n_outputs):
        self.w_ih = np.random.uniform(-1, 1, (n_inputs, n_hidden))
        self.b_h = np.zeros(n_hidden)
        self.w_ho = np.random.uniform(-1, 1, (n_hidden, n_outputs))
        self.b_o = np.zeros(n_outputs)

    def train(self, dataset, epochs, lr=0.5):
        for epoch in range(epochs):
            for inputs, expected in dataset:
                x = np.array(inputs, dtype=float)
                t = np.array(expected, dtype=float)
                hidden = sigmoid(x @ self.w_ih + self.b_h)
                out = sigmoid(hidden @ self.w_ho + self.b_o)
                delta_o = out - t
                delta_h = (self.w_ho @ delta_o) * sigmoid(hidden) * (1 - sigmoid(hidden))  # BUG(ND101): sigmoid' at the activation
                self.w_ho -= lr * np.outer(hidden, delta_o)
                self.b_o -= lr * delta_o
                self.w_ih -= lr * np.outer(x, delta_h)
                self.b_h -= lr * delta_h
