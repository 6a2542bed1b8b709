"""Per-sample (online) SGD on XOR with a squared-error loss; ND203: the loss is squared error, not BCE."""
import numpy as np

np.random.seed(42)

samples = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
answers = np.array([0.0, 1.0, 1.0, 0.0])

w_hidden = np.random.uniform(-1, 1, (3, 2))  # one row per hidden unit
b_hidden = np.random.uniform(-1, 1, 3)
w_out = np.random.uniform(-1, 1, 3)
b_out = 0.0
rate = 0.5


def logistic(v):
    return 1.0 / (1.0 + np.exp(-v))


def mse(prediction, target):  # BUG(ND203): squared error on a sigmoid output instead of cross-entropy
    return 0.5 * np.sum((prediction - target) ** 2)


for epoch in range(2000):
    total = 0.0
    for x, t in zip(samples, answers):
        h = logistic(w_hidden @ x + b_hidden)
        out = logistic(w_out @ h + b_out)
        total += mse(out, t)
        delta_out = (out - t) * out * (1 - out)
        delta_h = delta_out * w_out * h * (1 - h)
        w_out -= rate * delta_out * h
        b_out -= rate * delta_out
        w_hidden -= rate * np.outer(delta_h, x)
        b_hidden -= rate * delta_h
    if epoch % 400 == 0:
        print("epoch", epoch, "sum of squared errors", round(total, 5))

for x in samples:
    print(x, "->", round(float(logistic(w_out @ logistic(w_hidden @ x + b_hidden) + b_out)), 3))
