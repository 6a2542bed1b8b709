"""Layer objects that keep their last input for the backward pass, a model yielding
(parameter, gradient) pairs, and mini-batches of indices from a generator function."""

import numpy as np


class Linear:
    def __init__(self, fan_in, fan_out, rng):
        self.weight = rng.normal(0.0, np.sqrt(1.0 / fan_in), (fan_in, fan_out))
        self.bias = np.zeros(fan_out)
        self.weight_grad = np.zeros_like(self.weight)
        self.bias_grad = np.zeros_like(self.bias)

    def forward(self, inputs):
        self.last_input = inputs
        return inputs @ self.weight + self.bias

    def backward(self, upstream):
        self.weight_grad = self.last_input.T @ upstream
        self.bias_grad = upstream.sum(axis=0)
        return upstream @ self.weight.T


class ReLU:
    def forward(self, inputs):
        self.mask = inputs > 0
        return inputs * self.mask

    def backward(self, upstream):
        return upstream * self.mask


class Net:
    def __init__(self, rng):
        self.parts = [Linear(4, 10, rng), ReLU(), Linear(10, 1, rng)]

    def logits(self, inputs):
        for part in self.parts:
            inputs = part.forward(inputs)
        return inputs

    def backward(self, upstream):
        for part in reversed(self.parts):
            upstream = part.backward(upstream)

    def pairs(self):
        for part in self.parts:
            if isinstance(part, Linear):
                yield part.weight, part.weight_grad
                yield part.bias, part.bias_grad


def index_batches(count, size, rng):
    order = rng.permutation(count)
    for first in range(0, count, size):
        yield order[first : first + size]


def probability(logits):
    return 1.0 / (1.0 + np.exp(-logits))


def train(net, inputs, targets, rng, rounds=150, rate=0.1):
    for round_ in range(rounds):
        for chosen in index_batches(len(inputs), 25, rng):
            batch, answer = inputs[chosen], targets[chosen]
            guess = probability(net.logits(batch))
            net.backward((guess - answer) / len(batch))
            for value, grad in net.pairs():
                value -= rate * grad
        if round_ % 50 == 0:
            p = np.clip(probability(net.logits(inputs)), 1e-9, 1 - 1e-9)
            cost = -np.mean(targets * np.log(p) + (1 - targets) * np.log(1 - p))
            print(round_, round(float(cost), 4), np.mean((p > 0.5) == targets))


def main():
    rng = np.random.default_rng(3)
    inputs = rng.normal(size=(200, 4))
    targets = ((inputs[:, 0] * inputs[:, 1] > 0) ^ (inputs[:, 2] > 0.5)).astype(float)
    targets = targets.reshape(-1, 1)
    net = Net(rng)
    # one forward on everything before training: the layers keep that input until a batch
    print("start accuracy", np.mean((probability(net.logits(inputs)) > 0.5) == targets))
    train(net, inputs, targets, rng)


if __name__ == "__main__":
    main()
