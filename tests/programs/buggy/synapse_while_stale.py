import numpy as np

np.random.seed(7)
training_inputs = np.array([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]], dtype=float)
training_outputs = np.array([[0, 1, 1, 0]]).T

synapse_0 = np.random.uniform(-1, 1, (3, 4))
synapse_1 = np.random.uniform(-1, 1, (4, 1))
alpha = 0.8


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


error = 1.0
iteration = 0
while error > 0.01 and iteration < 20000:
    layer_1 = sigmoid(training_inputs @ synapse_0)
    layer_2 = sigmoid(layer_1 @ synapse_1)
    layer_2_delta = layer_2 - training_outputs
    synapse_1 -= alpha * layer_1.T @ layer_2_delta
    layer_1_delta = (layer_2_delta @ synapse_1.T) * layer_1 * (1 - layer_1)  # BUG(ND111): uses synapse_1 already updated
    synapse_0 -= alpha * training_inputs.T @ layer_1_delta
    error = float(np.mean(np.abs(layer_2 - training_outputs)))
    iteration += 1
print(iteration, error)
