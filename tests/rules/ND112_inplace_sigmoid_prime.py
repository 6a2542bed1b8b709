"""List-of-layers network on a generated AND-of-halfplanes task; bug: sigmoid_prime overwrites the cached activations in place."""
import numpy as np

np.random.seed(8)
X = np.random.uniform(-1, 1, size=(50, 2))
Y = ((X[:, 0] > -0.2) & (X[:, 1] > 0.1)).astype(float).reshape(-1, 1)

sizes = [2, 5, 1]
weights = [np.random.randn(a, b) * 0.6 for a, b in zip(sizes[:-1], sizes[1:])]
biases = [np.zeros((1, b)) for b in sizes[1:]]


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(a):
    a *= 1 - a  # BUG(ND112): modifies the caller's activation array in place
    return a


def feedforward(x):
    activations = [x]
    for W, b in zip(weights, biases):
        activations.append(sigmoid(activations[-1] @ W + b))
    return activations


def backprop(activations, y):
    delta = activations[-1] - y
    grads_w = [activations[-2].T @ delta]
    grads_b = [delta.sum(axis=0, keepdims=True)]
    delta = (delta @ weights[1].T) * sigmoid_prime(activations[1])
    grads_w.insert(0, activations[0].T @ delta)
    grads_b.insert(0, delta.sum(axis=0, keepdims=True))
    return grads_w, grads_b


eta = 0.1
for epoch in range(1000):
    acts = feedforward(X)
    gw, gb = backprop(acts, Y)
    for i in range(len(weights)):
        weights[i] -= eta * gw[i]
        biases[i] -= eta * gb[i]
    if epoch % 200 == 0:
        out = feedforward(X)[-1]
        print(epoch, "accuracy", np.mean((out > 0.5) == Y))

print("final accuracy", np.mean((feedforward(X)[-1] > 0.5) == Y))
