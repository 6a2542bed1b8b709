# parameters in a dataclass, rebuilt by update() every iteration
from dataclasses import dataclass

import numpy as np


@dataclass
class Weights:
    first: np.ndarray
    first_b: np.ndarray
    second: np.ndarray
    second_b: np.ndarray


@dataclass
class Slopes:
    first: np.ndarray
    first_b: np.ndarray
    second: np.ndarray
    second_b: np.ndarray


def run(w: Weights, x):
    pre = x @ w.first + w.first_b
    act = np.tanh(pre)
    return act, 1 / (1 + np.exp(-(act @ w.second + w.second_b)))


def slopes(w: Weights, x, t) -> Slopes:
    act, prob = run(w, x)
    e = (prob - t) / len(x)
    back = (e @ w.second.T) * (1 - act**2)
    return Slopes(x.T @ back, back.sum(0), act.T @ e, e.sum(0))


def update(w: Weights, s: Slopes, step):
    return Weights(
        w.first - step * s.first,
        w.first_b - step * s.first_b,
        w.second - step * s.second,
        w.second_b - step * s.second_b,
    )


gen = np.random.default_rng(21)
pts = np.vstack([gen.normal([2, 0], 0.8, (60, 2)), gen.normal([-2, 0], 0.8, (60, 2))])
tags = np.r_[np.ones(60), np.zeros(60)].reshape(-1, 1)
w = Weights(gen.normal(0, 0.5, (2, 7)), np.zeros(7), gen.normal(0, 0.5, (7, 1)), np.zeros(1))
for i in range(800):
    s = slopes(w, pts, tags)
    w = update(w, s, 0.5)
    if i % 200 == 0:
        print(i, np.mean((run(w, pts)[1] > 0.5) == tags))
