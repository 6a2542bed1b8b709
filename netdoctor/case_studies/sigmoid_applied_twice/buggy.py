# "My XOR network trains but the loss goes down so slowly, and with a
#  different seed it gets stuck. I checked the formulas three times."
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    return sigmoid(x) * (1 - sigmoid(x))


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])

np.random.seed(0)
weights_hidden = np.random.uniform(-1, 1, (2, 4))
bias_hidden = np.zeros((1, 4))
weights_output = np.random.uniform(-1, 1, (4, 1))
bias_output = np.zeros((1, 1))
learning_rate = 0.5


def train_step(X, y, weights_hidden, bias_hidden, weights_output, bias_output, learning_rate):
    hidden = sigmoid(X @ weights_hidden + bias_hidden)
    output = sigmoid(hidden @ weights_output + bias_output)

    # binary cross-entropy: dL/doutput * doutput/dz
    error = output - y
    d_output = error * sigmoid_derivative(output)
    d_hidden = d_output @ weights_output.T * sigmoid_derivative(X @ weights_hidden + bias_hidden)

    weights_output = weights_output - learning_rate * hidden.T @ d_output
    bias_output = bias_output - learning_rate * d_output.sum(axis=0, keepdims=True)
    weights_hidden = weights_hidden - learning_rate * X.T @ d_hidden
    bias_hidden = bias_hidden - learning_rate * d_hidden.sum(axis=0, keepdims=True)
    return weights_hidden, bias_hidden, weights_output, bias_output


for epoch in range(5000):
    weights_hidden, bias_hidden, weights_output, bias_output = train_step(
        X, y, weights_hidden, bias_hidden, weights_output, bias_output, learning_rate
    )
    if epoch % 1000 == 0:
        output = sigmoid(sigmoid(X @ weights_hidden + bias_hidden) @ weights_output + bias_output)
        loss = -np.mean(y * np.log(output) + (1 - y) * np.log(1 - output))
        print(f"epoch {epoch}: loss {loss:.4f}")

print(sigmoid(sigmoid(X @ weights_hidden + bias_hidden) @ weights_output + bias_output).round(3))
