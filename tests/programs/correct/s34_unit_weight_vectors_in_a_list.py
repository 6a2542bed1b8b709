"""Each hidden unit keeps its own weight vector in a list; biases are a list of floats;
the output unit is a vector and a float. Trained one sample at a time."""
import numpy as np

np.random.seed(4)
samples = np.random.uniform(-1, 1, size=(60, 2))
wanted = (samples[:, 0] > samples[:, 1] ** 2 - 0.3).astype(float)

units = 5
unit_w = [np.random.uniform(-1, 1, 2) for _ in range(units)]
unit_b = [0.0 for _ in range(units)]
top_w = np.random.uniform(-1, 1, units)
top_b = 0.0
step = 0.5


def squash(v):
    return 1.0 / (1.0 + np.exp(-v))


for sweep in range(300):
    total = 0.0
    for point, goal in zip(samples, wanted):
        acts = np.array([np.tanh(unit_w[u] @ point + unit_b[u]) for u in range(units)])
        guess = squash(top_w @ acts + top_b)
        total += -(goal * np.log(guess) + (1 - goal) * np.log(1 - guess))
        blame = guess - goal
        for u in range(units):
            back = blame * top_w[u] * (1 - acts[u] ** 2)
            unit_w[u] = unit_w[u] - step * back * point
            unit_b[u] = unit_b[u] - step * back
        top_w = top_w - step * blame * acts
        top_b = top_b - step * blame
    if sweep % 60 == 0:
        print("sweep", sweep, "log loss", round(total / len(samples), 4))
