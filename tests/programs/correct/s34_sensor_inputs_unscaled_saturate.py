"""Sensor readings fed as they come (pressure in pascals, altitude in metres): the first
layer saturates, but the backprop itself is right."""
import numpy as np

rng = np.random.default_rng(17)
pressure = rng.uniform(95000, 105000, 300)
altitude = rng.uniform(0, 3000, 300)
readings = np.stack([pressure, altitude], axis=1)
storm = (pressure < 99000 + altitude).astype(float)[:, None]

w_in = rng.normal(0, 0.05, (2, 5))
b_in = np.zeros(5)
w_out = rng.normal(0, 0.05, (5, 1))
b_out = np.zeros(1)


def logistic(v):
    return 1.0 / (1.0 + np.exp(-v))


for step in range(1500):
    hidden = logistic(readings @ w_in + b_in)
    chance = logistic(hidden @ w_out + b_out)
    cost = -np.mean(storm * np.log(chance + 1e-12) + (1 - storm) * np.log(1 - chance + 1e-12))
    d_out = (chance - storm) / len(readings)
    d_hidden = d_out @ w_out.T * hidden * (1 - hidden)
    w_out -= 0.8 * hidden.T @ d_out
    b_out -= 0.8 * d_out.sum(0)
    w_in -= 0.8 * readings.T @ d_hidden
    b_in -= 0.8 * d_hidden.sum(0)
    if step % 300 == 0:
        print(step, round(float(cost), 4))
