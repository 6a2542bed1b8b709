# Backprop from scratch, no numpy: every neuron is a dict, its bias the last weight.
from math import exp
from random import random, seed


def init_net(n_in, n_hid):
    hidden = [{"weights": [random() - 0.5 for _ in range(n_in + 1)]} for _ in range(n_hid)]
    out = [{"weights": [random() - 0.5 for _ in range(n_hid + 1)]}]
    return [hidden, out]


def fire(weights, inputs):
    total = weights[-1]
    for k in range(len(weights) - 1):
        total += weights[k] * inputs[k]
    return total


def squash(v):
    return 1.0 / (1.0 + exp(-v))


def propagate(net, sample):
    signal = sample
    for layer in net:
        nxt = []
        for unit in layer:
            unit["output"] = squash(fire(unit["weights"], signal))
            nxt.append(unit["output"])
        signal = nxt
    return signal


def backprop_error(net, wanted):
    for depth in reversed(range(len(net))):
        layer = net[depth]
        errs = []
        if depth == len(net) - 1:
            for k, unit in enumerate(layer):
                errs.append(unit["output"] - wanted[k])
        else:
            for k in range(len(layer)):
                errs.append(sum(u["weights"][k] * u["delta"] for u in net[depth + 1]))
        for k, unit in enumerate(layer):
            unit["delta"] = errs[k] * unit["output"] * (1.0 - unit["output"])


def adjust(net, sample, rate):
    for depth, layer in enumerate(net):
        signal = sample[:-1] if depth == 0 else [u["output"] for u in net[depth - 1]]
        for unit in layer:
            for k in range(len(signal)):
                unit["weights"][k] -= rate * unit["delta"] * signal[k]
            unit["weights"][-1] -= rate * unit["delta"]


def fit(net, rows, rate, epochs):
    for epoch in range(epochs):
        total = 0.0
        for row in rows:
            got = propagate(net, row)
            wanted = [row[-1]]
            total += sum((wanted[k] - got[k]) ** 2 for k in range(len(wanted)))
            backprop_error(net, wanted)
            adjust(net, row, rate)
        if epoch % 50 == 0:
            print("epoch %d  error %.3f" % (epoch, total))


seed(7)
rows = []
for _ in range(60):
    a, b = random() * 2 - 1, random() * 2 - 1
    rows.append([a, b, 1 if a * a + b * b < 0.4 else 0])
net = init_net(2, 4)
fit(net, rows, 0.5, 200)
