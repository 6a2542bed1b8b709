"""Tutorial-style NeuralNetwork class with no-argument feedforward()/backprop() and squared error; flaw: the learning rate is so small that nothing moves in 1500 epochs."""
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_derivative(s):
    # s is already sigmoid(x)
    return s * (1.0 - s)


class NeuralNetwork:
    def __init__(self, x, y, hidden=4):
        self.input = x
        self.y = y
        self.weights1 = np.random.rand(self.input.shape[1], hidden) - 0.5
        self.bias1 = np.zeros((1, hidden))
        self.weights2 = np.random.rand(hidden, 1) - 0.5
        self.bias2 = np.zeros((1, 1))
        self.learning_rate = 1e-6  # BUG(ND308): far too small a step, the weights barely move
        self.output = np.zeros(y.shape)

    def feedforward(self):
        self.layer1 = sigmoid(np.dot(self.input, self.weights1) + self.bias1)
        self.output = sigmoid(np.dot(self.layer1, self.weights2) + self.bias2)

    def backprop(self):
        # gradient of the summed squared error, written as (y - output) so we add it
        delta2 = 2 * (self.y - self.output) * sigmoid_derivative(self.output)
        delta1 = np.dot(delta2, self.weights2.T) * sigmoid_derivative(self.layer1)
        self.weights2 += self.learning_rate * np.dot(self.layer1.T, delta2)
        self.bias2 += self.learning_rate * np.sum(delta2, axis=0, keepdims=True)
        self.weights1 += self.learning_rate * np.dot(self.input.T, delta1)
        self.bias1 += self.learning_rate * np.sum(delta1, axis=0, keepdims=True)


if __name__ == "__main__":
    np.random.seed(1)
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1], [0, 0, 0], [1, 1, 0]], dtype=float)
    y = np.array([[0], [1], [1], [0], [0], [0]], dtype=float)
    nn = NeuralNetwork(X, y)
    for i in range(1500):
        nn.feedforward()
        nn.backprop()
        if i % 300 == 0:
            print("epoch", i, "sum of squares", float(np.sum((y - nn.output) ** 2)))
    print(nn.output.round(3).ravel())
