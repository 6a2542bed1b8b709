# "My ReLU network outputs 0.5 for everything, whatever I do. Someone said to scale the
# ReLU output by 0.0001." (the class as it was pasted: no instance, no biases)
import numpy as np

np.random.seed(17)


def relu(x):
    return np.maximum(0, x)


def d_relu(x):
    return (x > 0).astype(float)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def d_sigmoid(x):
    return sigmoid(x) * (1 - sigmoid(x))


class NeuralNetwork:
    def __init__(self, input_size, hidden_size=8, output_size=1, learning_rate=0.2):
        self.W1 = np.random.randn(input_size, hidden_size)
        self.W2 = np.random.randn(hidden_size, output_size)
        self.learning_rate = learning_rate

    def forward_pass(self, X):
        self.hidden = relu(X @ self.W1)
        self.output = sigmoid(self.hidden @ self.W2)
        return self.output

    def backward_pass(self, X, y):
        d_loss = -(y / self.output) + (1 - y) / (1 - self.output)
        d_output = d_loss * d_sigmoid(self.output)
        d_hidden = d_output @ self.W2.T * d_relu(self.hidden)
        self.W2 -= self.learning_rate * self.hidden.T @ d_output
        self.W1 -= self.learning_rate * X.T @ d_hidden

    def train(self, X, y, epochs):
        for epoch in range(epochs):
            output = self.forward_pass(X)
            self.backward_pass(X, y)
            if epoch % 200 == 0:
                loss = -np.mean(y * np.log(output) + (1 - y) * np.log(1 - output))
                print(epoch, loss, output.ravel().round(3))


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])
