# The same program, fixed (see README.md).
import numpy as np


class NeuralNetwork:
    def __init__(self, input_size, hidden_size):
        self.W1 = np.random.randn(input_size, hidden_size)
        self.b1 = np.zeros((1, hidden_size))
        self.W2 = np.random.randn(hidden_size, 1)
        self.b2 = np.zeros((1, 1))

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = np.tanh(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        self.a2 = self.sigmoid(self.z2)
        return self.a2

    def backward(self, X, y, learning_rate):
        output = self.forward(X)
        d_out = output - y
        dW2 = self.a1.T @ d_out
        db2 = d_out.sum(axis=0, keepdims=True)
        d_hidden = d_out @ self.W2.T * (1 - self.a1 ** 2)
        dW1 = X.T @ d_hidden
        db1 = d_hidden.sum(axis=0, keepdims=True)
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1

    def loss(self, X, y):
        out = self.forward(X)
        return -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])
np.random.seed(0)
net = NeuralNetwork(2, 4)
learning_rate = 0.5
for epoch in range(2000):
    net.backward(X, y, learning_rate)
    if epoch % 400 == 0:
        print(f"epoch {epoch}: loss {net.loss(X, y):.4f}")

print(f"final loss {net.loss(X, y):.4f}")
