# Grokking-style: walk the data one row at a time, keep each row 2-D with a slice,
# relu hidden layer, sigmoid output, plain squared error.
import numpy as np

np.random.seed(3)


def relu(x):
    return (x > 0) * x


def relu2deriv(output):
    return output > 0


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


# streetlights: which lights are on -> walk / stop (the last light is always on)
data = np.array([[1, 0, 1],
                 [0, 1, 1],
                 [0, 0, 1],
                 [1, 1, 1]], dtype=float)
labels = np.array([[1, 1, 0, 0]], dtype=float).T

alpha = 0.5
hidden_size = 6

weights_0_1 = 2 * np.random.random((3, hidden_size)) - 1
weights_1_2 = 2 * np.random.random((hidden_size, 1)) - 1

for iteration in range(600):
    layer_2_error = 0
    for i in range(len(data)):
        layer_0 = data[i:i+1]
        layer_1 = relu(np.dot(layer_0, weights_0_1))
        layer_2 = sigmoid(np.dot(layer_1, weights_1_2))

        layer_2_error += np.sum((layer_2 - labels[i:i+1]) ** 2)

        layer_2_delta = (layer_2 - labels[i:i+1]) * layer_2 * (1 - layer_2)
        layer_1_delta = layer_2_delta.dot(weights_1_2.T) * relu2deriv(layer_1)

        weights_1_2 -= alpha * layer_1.T.dot(layer_2_delta)
        weights_0_1 -= alpha * layer_0.T.dot(layer_1_delta)

    if iteration % 100 == 99:
        print("Error:" + str(layer_2_error))
