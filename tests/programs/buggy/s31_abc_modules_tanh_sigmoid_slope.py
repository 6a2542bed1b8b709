"""Layers behind an abstract interface; each keeps its gradients in private buffers."""
import abc

import numpy as np


class Module(abc.ABC):
    @abc.abstractmethod
    def forward(self, inputs): ...

    @abc.abstractmethod
    def backward(self, upstream): ...

    def params_and_grads(self):
        return []


class Linear(Module):
    def __init__(self, fan_in, fan_out, gen):
        self._w = gen.uniform(-1, 1, (fan_in, fan_out)) / np.sqrt(fan_in)
        self._bias = np.zeros(fan_out)
        self._dw = np.zeros_like(self._w)
        self._dbias = np.zeros_like(self._bias)

    def forward(self, inputs):
        self._seen = inputs
        return inputs @ self._w + self._bias

    def backward(self, upstream):
        self._dw[:] = self._seen.T @ upstream
        self._dbias[:] = upstream.sum(axis=0)
        return upstream @ self._w.T

    def params_and_grads(self):
        return [(self._w, self._dw), (self._bias, self._dbias)]


class Tanh(Module):
    def forward(self, inputs):
        self._t = np.tanh(inputs)
        return self._t

    def backward(self, upstream):
        return upstream * self._t * (1 - self._t)  # BUG(ND109): the sigmoid slope on tanh


class SigmoidBCE:
    """The output unit and its loss together: the delta is p - y."""

    def forward(self, logits, targets):
        self._p = 1 / (1 + np.exp(-logits))
        self._y = targets
        eps = 1e-12
        return -np.mean(targets * np.log(self._p + eps) + (1 - targets) * np.log(1 - self._p + eps))

    def backward(self):
        return (self._p - self._y) / len(self._y)


gen = np.random.default_rng(21)
inputs = gen.normal(size=(96, 3))
targets = (inputs.sum(axis=1, keepdims=True) > 0).astype(float)
stack = [Linear(3, 7, gen), Tanh(), Linear(7, 1, gen)]
head = SigmoidBCE()

for sweep in range(600):
    signal = inputs
    for module in stack:
        signal = module.forward(signal)
    loss = head.forward(signal, targets)
    upstream = head.backward()
    for module in reversed(stack):
        upstream = module.backward(upstream)
    for module in stack:
        for value, grad in module.params_and_grads():
            value -= 0.8 * grad
    if sweep % 150 == 0:
        print(f"sweep {sweep}: {loss:.4f}")
