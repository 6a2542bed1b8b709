# "My network outputs 0.5 for everything. Someone said to scale the ReLU output by 0.0001."
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])

np.random.seed(17)
W1 = np.random.randn(2, 8)
W2 = np.random.randn(8, 1)
lr = 0.2


def relu(x):
    return np.maximum(0, x)


def relu_derivative(x):
    return (x > 0).astype(float)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    return sigmoid(x) * (1 - sigmoid(x))


for epoch in range(2000):
    hidden = relu(X @ W1)
    output = sigmoid(hidden @ W2)
    d_loss = -(y / output) + (1 - y) / (1 - output)
    d_output = d_loss * sigmoid_derivative(output)
    d_hidden = d_output @ W2.T * relu_derivative(hidden)
    W2 -= lr * hidden.T @ d_output
    W1 -= lr * X.T @ d_hidden
    if epoch % 200 == 0:
        loss = -np.mean(y * np.log(output) + (1 - y) * np.log(1 - output))
        print(epoch, loss, output.ravel().round(3))
