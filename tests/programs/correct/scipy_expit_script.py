import numpy as np
from scipy.special import expit

# toy data: is the point above the line y = x?
rng = np.random.RandomState(4)
inputs = rng.uniform(-1, 1, size=(100, 2))
outputs = (inputs[:, 1] > inputs[:, 0]).astype(float).reshape(-1, 1)

wih = rng.normal(0, 0.5, (2, 6))
who = rng.normal(0, 0.5, (6, 1))
bh = np.zeros((1, 6))
bo = np.zeros((1, 1))
eta = 0.1

for epoch in range(1000):
    hidden = expit(inputs @ wih + bh)
    final = expit(hidden @ who + bo)
    out_err = final - outputs
    hid_err = out_err @ who.T * hidden * (1 - hidden)
    who -= eta * hidden.T @ out_err
    bo -= eta * out_err.sum(0, keepdims=True)
    wih -= eta * inputs.T @ hid_err
    bh -= eta * hid_err.sum(0, keepdims=True)
print("accuracy", ((final > 0.5) == outputs).mean())
