import numpy as np

# Simple 2-2-1 network that learns XOR, trained with plain backprop.

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

# NOTE: x here is already the output of sigmoid()
def sigmoid_derivative(x):
    return x * (1 - x)

# Input data and targets
inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
target = np.array([[0], [1], [1], [0]])

input_neurons, hidden_neurons, output_neurons = 2, 2, 1
lr = 0.5

# Random weights and biases
np.random.seed(0)
weights_input_hidden = np.random.uniform(size=(input_neurons, hidden_neurons))
bias_hidden = np.random.uniform(size=(1, hidden_neurons))
weights_hidden_output = np.random.uniform(size=(hidden_neurons, output_neurons))
bias_output = np.random.uniform(size=(1, output_neurons))

print("Initial hidden weights:\n", weights_input_hidden)
print("Initial hidden biases:\n", bias_hidden)
print("Initial output weights:\n", weights_hidden_output)
print("Initial output biases:\n", bias_output)

for epoch in range(10000):
    # Forward propagation
    hidden_layer_activation = np.dot(inputs, weights_input_hidden) + bias_hidden
    hidden_layer_output = sigmoid(hidden_layer_activation)

    output_layer_activation = np.dot(hidden_layer_output, weights_hidden_output) + bias_output
    output = sigmoid(output_layer_activation)

    # Squared error loss
    loss = 0.5 * np.sum((target - output) ** 2)

    # Backpropagation
    error = target - output
    d_output = error * sigmoid_derivative(output)

    error_hidden_layer = d_output.dot(weights_hidden_output.T)
    d_hidden_layer = error_hidden_layer * sigmoid_derivative(hidden_layer_output)

    # Updating weights and biases (error = target - output, so we add)
    weights_hidden_output += hidden_layer_output.T.dot(d_output) * lr
    bias_output += np.sum(d_output, axis=0, keepdims=True) * lr
    weights_input_hidden += d_hidden_layer.T.dot(inputs) * lr  # BUG(ND107): transposed, W is 2x2
    bias_hidden += np.sum(d_hidden_layer, axis=0, keepdims=True) * lr

    if epoch % 1000 == 0:
        print("Epoch", epoch, "loss:", loss)

print("Final hidden weights:\n", weights_input_hidden)
print("Final hidden bias:\n", bias_hidden)
print("Final output weights:\n", weights_hidden_output)
print("Final output bias:\n", bias_output)

print("\nOutput from neural network after 10,000 epochs:")
print(output)
