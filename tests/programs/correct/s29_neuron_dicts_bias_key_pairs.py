"""Each neuron a dict with 'w', 'b', 'out' and 'grad'; data as (inputs, label) pairs."""
import math
import random

random.seed(11)


def make_layer(n_units, n_inputs):
    return [{"w": [random.gauss(0, 0.7) for _ in range(n_inputs)], "b": 0.0} for _ in range(n_units)]


def sigmoid(v):
    return 1 / (1 + math.exp(-v))


def forward(layers, x):
    for layer in layers:
        x = [sigmoid(n["b"] + sum(wi * xi for wi, xi in zip(n["w"], x))) for n in layer]
        for n, value in zip(layer, x):
            n["out"] = value
    return x


def backward(layers, x, t, lr):
    top = layers[-1][0]
    top["grad"] = top["out"] - t  # sigmoid + cross-entropy
    for n in layers[0]:
        j = layers[0].index(n)
        n["grad"] = top["w"][j] * top["grad"] * n["out"] * (1 - n["out"])
    for i, layer in enumerate(layers):
        inputs = x if i == 0 else [n["out"] for n in layers[i - 1]]
        for n in layer:
            n["w"] = [wi - lr * n["grad"] * xi for wi, xi in zip(n["w"], inputs)]
            n["b"] -= lr * n["grad"]


pairs = [((0.0, 0.0), 0), ((0.0, 1.0), 1), ((1.0, 0.0), 1), ((1.0, 1.0), 0)]
net = [make_layer(3, 2), make_layer(1, 3)]
for epoch in range(3000):
    random.shuffle(pairs)
    for x, t in pairs:
        forward(net, x)
        backward(net, x, t, 0.5)
    if epoch % 1000 == 0:
        print(epoch, [round(forward(net, x)[0], 2) for x, _ in sorted(pairs)])
