# the book's objects with momentum, a tanh hidden layer, and the loss gradient's sign slipped
import numpy as np

np.random.seed(3)
X = np.random.randn(150, 3)
y = (X[:, 0] * X[:, 1] - X[:, 2] > 0).astype(float).reshape(-1, 1)


class Layer_Dense:
    def __init__(self, n_inputs, n_neurons):
        self.weights = 0.5 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        self.inputs = inputs
        self.output = inputs @ self.weights + self.biases

    def backward(self, dvalues):
        self.dweights = self.inputs.T @ dvalues
        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
        self.dinputs = dvalues @ self.weights.T


class Activation_Tanh:
    def forward(self, inputs):
        self.output = np.tanh(inputs)

    def backward(self, dvalues):
        self.dinputs = dvalues * (1 - self.output ** 2)


class Activation_Sigmoid:
    def forward(self, inputs):
        self.output = 1 / (1 + np.exp(-inputs))

    def backward(self, dvalues):
        self.dinputs = dvalues * self.output * (1 - self.output)


class Loss_BinaryCrossentropy:
    def calculate(self, y_pred, y_true):
        y_pred = np.clip(y_pred, 1e-7, 1 - 1e-7)
        return np.mean(-(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))

    def backward(self, dvalues, y_true):
        clipped = np.clip(dvalues, 1e-7, 1 - 1e-7)
        self.dinputs = (y_true / clipped - (1 - y_true) / (1 - clipped)) / len(dvalues)  # BUG(ND105): minus the loss gradient


class Optimizer_SGD:
    def __init__(self, learning_rate=0.5, momentum=0.9):
        self.learning_rate = learning_rate
        self.momentum = momentum

    def update_params(self, layer):
        if not hasattr(layer, "weight_momentums"):
            layer.weight_momentums = np.zeros_like(layer.weights)
            layer.bias_momentums = np.zeros_like(layer.biases)
        weight_updates = self.momentum * layer.weight_momentums - self.learning_rate * layer.dweights
        layer.weight_momentums = weight_updates
        bias_updates = self.momentum * layer.bias_momentums - self.learning_rate * layer.dbiases
        layer.bias_momentums = bias_updates
        layer.weights += weight_updates
        layer.biases += bias_updates


d1, a1, d2, a2 = Layer_Dense(3, 8), Activation_Tanh(), Layer_Dense(8, 1), Activation_Sigmoid()
loss_fn, opt = Loss_BinaryCrossentropy(), Optimizer_SGD()
for epoch in range(501):
    d1.forward(X); a1.forward(d1.output); d2.forward(a1.output); a2.forward(d2.output)
    if epoch % 100 == 0:
        print(epoch, loss_fn.calculate(a2.output, y))
    loss_fn.backward(a2.output, y)
    a2.backward(loss_fn.dinputs); d2.backward(a2.dinputs); a1.backward(d2.dinputs); d1.backward(a1.dinputs)
    opt.update_params(d1); opt.update_params(d2)
