import numpy as np

np.random.seed(2)
X = np.random.randn(16, 2)
Y = (X[:, :1] ** 2 + X[:, 1:] ** 2 < 1.0).astype(float)
sizes = [2, 5, 4, 1]
weights = [np.random.randn(a, b) / np.sqrt(a) for a, b in zip(sizes[:-1], sizes[1:])]
biases = [np.zeros((1, b)) for b in sizes[1:]]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def feed(X, weights, biases):
    activations = [X]
    for i, (W, b) in enumerate(zip(weights, biases)):
        z = activations[-1] @ W + b
        activations.append(sigmoid(z) if i == len(weights) - 1 else np.tanh(z))
    return activations


def backprop(X, Y, weights, biases):
    activations = feed(X, weights, biases)
    delta = activations[-1] - Y
    grads_w = [None] * len(weights)
    grads_b = [None] * len(biases)
    for layer in reversed(range(len(weights))):
        grads_w[layer] = activations[layer].T @ delta
        grads_b[layer] = delta.sum(axis=0, keepdims=True)
        if layer > 0:
            delta = (delta @ weights[layer].T) * (1 - activations[layer] ** 2)
    return grads_w, grads_b


for step in range(1000):
    gw, gb = backprop(X, Y, weights, biases)
    weights = [W - 0.05 * g for W, g in zip(weights, gw)]
    biases = [b - 0.05 * g for b, g in zip(biases, gb)]
print(feed(X, weights, biases)[-1].round(2).ravel())
