# The same network, fixed: biases added, and the output delta simplified to output - y.
import numpy as np

np.random.seed(17)


def relu(x):
    return np.maximum(0, x)


def d_relu(x):
    return (x > 0).astype(float)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class NeuralNetwork:
    def __init__(self, input_size, hidden_size=8, output_size=1, learning_rate=0.2):
        self.W1 = np.random.randn(input_size, hidden_size)
        self.b1 = np.zeros((1, hidden_size))
        self.W2 = np.random.randn(hidden_size, output_size)
        self.b2 = np.zeros((1, output_size))
        self.learning_rate = learning_rate

    def forward_pass(self, X):
        self.hidden = relu(X @ self.W1 + self.b1)
        self.output = sigmoid(self.hidden @ self.W2 + self.b2)
        return self.output

    def backward_pass(self, X, y):
        d_output = self.output - y  # sigmoid + binary cross-entropy: dL/dz = output - y
        d_hidden = d_output @ self.W2.T * d_relu(self.hidden)
        self.W2 -= self.learning_rate * self.hidden.T @ d_output
        self.b2 -= self.learning_rate * d_output.sum(axis=0, keepdims=True)
        self.W1 -= self.learning_rate * X.T @ d_hidden
        self.b1 -= self.learning_rate * d_hidden.sum(axis=0, keepdims=True)

    def train(self, X, y, epochs):
        for epoch in range(epochs):
            output = self.forward_pass(X)
            self.backward_pass(X, y)
            if epoch % 200 == 0:
                loss = -np.mean(y * np.log(output) + (1 - y) * np.log(1 - output))
                print(epoch, loss, output.ravel().round(3))


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])

if __name__ == "__main__":
    nn = NeuralNetwork(2)
    nn.train(X, y, 2000)
    output = nn.forward_pass(X)
    loss = -np.mean(y * np.log(output) + (1 - y) * np.log(1 - output))
    print(f"final loss {loss:.4f}")
