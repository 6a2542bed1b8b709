"""A small module library: Linear, Tanh and Sigmoid modules each with forward/backward,
a BCELoss module whose backward returns dL/dp; the model is a list of modules."""
import numpy as np


class Linear:
    def __init__(self, fan_in, fan_out, gen):
        self.weight = gen.normal(0.0, (2.0 / (fan_in + fan_out)) ** 0.5, (fan_in, fan_out))
        self.bias = np.zeros(fan_out)

    def forward(self, inputs):
        self.inputs = inputs
        return inputs @ self.weight + self.bias

    def backward(self, upstream):
        self.grad_weight = self.inputs.T @ upstream
        self.grad_bias = upstream.sum(axis=0)
        return upstream @ self.weight.T


class Tanh:
    def forward(self, inputs):
        self.result = np.tanh(inputs)
        return self.result

    def backward(self, upstream):
        return upstream * (1.0 - self.result**2)


class Sigmoid:
    def forward(self, inputs):
        self.result = 1.0 / (1.0 + np.exp(-inputs))
        return self.result

    def backward(self, upstream):
        return upstream * self.result * (1.0 - self.result)


class BCELoss:
    def forward(self, probs, labels):
        self.probs, self.labels = probs, labels
        eps = 1e-9
        return -np.mean(labels * np.log(probs + eps) + (1 - labels) * np.log(1 - probs + eps))

    def backward(self):
        return (self.probs - self.labels) / len(self.labels)  # BUG(ND104): dL/dp of the log loss is (p - y) / (p (1 - p)); the Sigmoid module multiplies by p (1 - p)


gen = np.random.default_rng(11)
inputs = gen.uniform(-1, 1, (240, 2))
labels = (np.hypot(inputs[:, 0], inputs[:, 1]) < 0.7).astype(float).reshape(-1, 1)
model = [Linear(2, 10, gen), Tanh(), Linear(10, 1, gen), Sigmoid()]
criterion = BCELoss()

for epoch in range(3000):
    out = inputs
    for module in model:
        out = module.forward(out)
    loss = criterion.forward(out, labels)
    upstream = criterion.backward()
    for module in reversed(model):
        upstream = module.backward(upstream)
    for module in model:
        if isinstance(module, Linear):
            module.weight -= 1.0 * module.grad_weight
            module.bias -= 1.0 * module.grad_bias
    if epoch % 500 == 0:
        print(epoch, round(float(loss), 4))
