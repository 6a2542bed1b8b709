# a fan controller: should the fan run (1) or not (0)?  learned from logged readings
import math
import random

import numpy as np

random.seed(3)
CONFIG = {"hidden": 5, "rate": 0.15, "rounds": 25}


def logged_readings(n):
    rows = []
    for _ in range(n):
        temp, hum, occupied = random.uniform(15, 35), random.uniform(20, 90), random.random() < 0.5
        x = [(temp - 25) / 10, (hum - 55) / 35, 1.0 if occupied else -1.0]
        on = 1.0 if temp + 0.08 * hum + (3 if occupied else 0) > 31 else 0.0
        rows.append((x, on))
    return rows


class Controller:
    def __init__(self, n_in, n_hidden):
        self.model = {
            "inner": {"w": np.array([[random.gauss(0, 0.5) for _ in range(n_in)] for _ in range(n_hidden)]),
                      "b": np.zeros(n_hidden)},
            "final": {"w": np.array([random.gauss(0, 0.5) for _ in range(n_hidden)]), "b": 0.0},
        }

    def decide(self, x):
        inner, final = self.model["inner"], self.model["final"]
        self.x = x
        self.h = np.tanh(inner["w"] @ x + inner["b"])
        self.p = 1.0 / (1.0 + math.exp(-(float(final["w"] @ self.h) + final["b"])))
        return self.p

    def adjust(self, wanted, rate):
        inner, final = self.model["inner"], self.model["final"]
        sq = 0.5 * (self.p - wanted) ** 2
        d_out = (self.p - wanted) * self.p * (1 - self.p)
        d_hid = d_out * final["w"] * (1 - self.h ** 2)
        final["w"] -= rate * d_out * self.h
        final["b"] -= rate * d_out
        inner["w"] -= rate * np.outer(d_hid, self.x)
        inner["b"] -= rate * d_hid
        return sq


def run_training():
    readings = logged_readings(300)
    fan = Controller(3, CONFIG["hidden"])
    for r in range(CONFIG["rounds"]):
        random.shuffle(readings)
        summed = 0.0
        for x, on in readings:
            fan.decide(np.array(x))
            summed += fan.adjust(on, CONFIG["rate"])
        if r % 5 == 0:
            print(f"round {r:2d}  squared error {summed / len(readings):.4f}")
    return fan


COMMANDS = {"train": run_training}
COMMANDS["train"]()
