import numpy as np

# A neural network built out of Neuron objects.
#   2 inputs -> hidden layer (2 neurons) -> output layer (1 neuron)
# sigmoid everywhere, mean squared error, one sample at a time (SGD)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def deriv_sigmoid(x):
    # derivative of sigmoid at x (x is the weighted sum, not the output)
    fx = sigmoid(x)
    return fx * (1 - fx)


def mse_loss(y_true, y_pred):
    return ((y_true - y_pred) ** 2).mean()


class Neuron:
    def __init__(self, n_inputs):
        self.weights = np.random.normal(size=n_inputs)
        self.bias = float(np.random.normal())

    def weighted_sum(self, inputs):
        return np.dot(self.weights, inputs) + self.bias

    def feedforward(self, inputs):
        return sigmoid(self.weighted_sum(inputs))


class Layer:
    def __init__(self, n_neurons, n_inputs):
        self.neurons = [Neuron(n_inputs) for _ in range(n_neurons)]

    def feedforward(self, inputs):
        return np.array([neuron.feedforward(inputs) for neuron in self.neurons])


class Network:
    def __init__(self):
        self.hidden = Layer(2, 2)
        self.output = Layer(1, 2)

    def feedforward(self, inputs):
        h = []
        for neuron in self.hidden.neurons:
            h.append(neuron.feedforward(inputs))
        h = np.array(h)
        o = self.output.neurons[0].feedforward(h)
        return o

    def train(self, data, all_y_trues):
        learn_rate = 0.1
        epochs = 1000
        out = self.output.neurons[0]

        for epoch in range(epochs):
            for x, y_true in zip(data, all_y_trues):
                # --- forward, keeping the sums for backprop ---
                sums_h = []
                h = []
                for neuron in self.hidden.neurons:
                    s = neuron.weighted_sum(x)
                    sums_h.append(s)
                    h.append(sigmoid(s))
                h = np.array(h)
                sum_o = out.weighted_sum(h)
                y_pred = sigmoid(sum_o)

                # --- backward ---
                d_L_d_ypred = -2 * (y_true - y_pred)
                delta_o = d_L_d_ypred * deriv_sigmoid(sum_o)

                # error for each hidden neuron
                deltas_h = [delta_o * out.weights[j] * deriv_sigmoid(sums_h[j]) for j in range(len(h))]

                # output neuron
                out.weights = out.weights - learn_rate * delta_o * h
                out.bias = out.bias - learn_rate * delta_o

                # hidden neurons
                for j, neuron in enumerate(self.hidden.neurons):
                    neuron.weights = neuron.weights - learn_rate * deltas_h[j] * x
                    neuron.bias = neuron.bias - learn_rate * deltas_h[j]

            if epoch % 100 == 0:
                y_preds = np.apply_along_axis(self.feedforward, 1, data)
                loss = mse_loss(all_y_trues, y_preds)
                print("Epoch %d loss: %.4f" % (epoch, loss))


# Dataset: [temperature offset, cloud cover offset] -> did it rain?
data = np.array([
    [-3, 4],
    [-1, 6],
    [2, -2],
    [4, -5],
    [-2, 2],
    [3, -1],
    [0, 5],
    [5, 1],
])
all_y_trues = np.array([1, 1, 0, 0, 1, 0, 1, 0])

np.random.seed(7)
network = Network()
network.train(data, all_y_trues)

day1 = np.array([-1, 3])
day2 = np.array([4, -2])
print("Day 1: %.3f" % network.feedforward(day1))
print("Day 2: %.3f" % network.feedforward(day2))
