"""A frozen Model of two frozen Dense layers, rebuilt with new layers at every step."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
log = logging.getLogger("frozen")


@dataclass(frozen=True)
class Dense:
    weight: Array
    bias: Array


@dataclass(frozen=True)
class Model:
    inner: Dense
    outer: Dense


def forward(model: Model, x: Array) -> tuple[Array, Array]:
    hidden = np.tanh(x @ model.inner.weight + model.inner.bias)
    logits = hidden @ model.outer.weight + model.outer.bias
    return hidden, 1.0 / (1.0 + np.exp(-logits))


def gradients(model: Model, x: Array, y: Array) -> Model:
    hidden, p = forward(model, x)
    d_out = (p - y) / len(x)
    d_hid = (d_out @ model.outer.weight.T) * (1.0 - hidden**2)
    return Model(
        inner=Dense(x.T @ d_hid, d_hid.sum(axis=0)),
        outer=Dense(hidden.T @ d_out, d_out.sum(axis=0)),
    )


def stepped(layer: Dense, grad: Dense, lr: float) -> Dense:
    return replace(layer, weight=layer.weight - lr * grad.weight, bias=layer.bias - lr * grad.bias)


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    rng = np.random.default_rng(12)
    x = rng.normal(size=(160, 3))
    y = ((x[:, 0] - x[:, 2]) * x[:, 1] > 0).astype(float)[:, None]
    model = Model(
        inner=Dense(rng.normal(0, 0.6, (3, 8)), np.zeros(8)),
        outer=Dense(rng.normal(0, 0.6, (8, 1)), np.zeros(1)),
    )
    for epoch in range(1200):
        g = gradients(model, x, y)
        model = Model(inner=stepped(model.inner, g.inner, 0.8), outer=stepped(model.outer, g.outer, 0.8))
        if epoch % 300 == 0:
            p = forward(model, x)[1]
            log.info("epoch %d log loss %.4f", epoch, -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


if __name__ == "__main__":
    main()
