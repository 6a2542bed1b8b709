# neurons as dicts, bias as each neuron's last weight, tanh hidden units
import math
import random

random.seed(5)


def new_network(n_in, n_hidden):
    return [
        [{"weights": [random.uniform(-0.5, 0.5) for _ in range(n_in + 1)]} for _ in range(n_hidden)],
        [{"weights": [random.uniform(-0.5, 0.5) for _ in range(n_hidden + 1)]}],
    ]


def net_input(weights, inputs):
    return weights[-1] + sum(weights[i] * inputs[i] for i in range(len(weights) - 1))


def run(network, row):
    hidden = [math.tanh(net_input(n["weights"], row)) for n in network[0]]
    for n, h in zip(network[0], hidden):
        n["output"] = h
    top = network[1][0]
    top["output"] = 1 / (1 + math.exp(-net_input(top["weights"], hidden)))
    return top["output"]


def learn(network, row, rate):
    top = network[1][0]
    top["delta"] = top["output"] - row[-1]
    for j, n in enumerate(network[0]):
        n["delta"] = top["weights"][j] * top["delta"] * n["output"] * (1 - n["output"])  # BUG(ND109): the sigmoid's slope on a tanh unit
    hidden = [n["output"] for n in network[0]]
    for i in range(len(hidden)):
        top["weights"][i] -= rate * top["delta"] * hidden[i]
    top["weights"][-1] -= rate * top["delta"]
    for n in network[0]:
        for i in range(len(row) - 1):
            n["weights"][i] -= rate * n["delta"] * row[i]
        n["weights"][-1] -= rate * n["delta"]


data = [[random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1)] for _ in range(40)]
for r in data:
    r.append(1 if r[0] + r[1] * r[2] > 0 else 0)
network = new_network(3, 5)
for epoch in range(150):
    for row in data:
        run(network, row)
        learn(network, row, 0.3)
    if epoch % 50 == 0:
        print("epoch", epoch, sum(round(run(network, r)) == r[-1] for r in data), "/", len(data))
