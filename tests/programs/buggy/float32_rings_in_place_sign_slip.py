# single-precision rings: a tanh layer trained in place, one update moving the wrong way
import numpy as np

gen = np.random.default_rng(9)
n = 256
theta = gen.uniform(0, 2 * np.pi, n)
inside = (np.arange(n) % 2).astype(float)
radius = np.where(inside == 1, 0.4, 1.0)
ring_xy = np.stack([radius * np.cos(theta), radius * np.sin(theta)], 1)
inputs = (ring_xy + gen.normal(0, 0.06, (n, 2))).astype(np.float32)
truth = inside.reshape(-1, 1).astype(np.float32)

w_hidden = gen.normal(0, 1, (2, 12)).astype(np.float32)
b_hidden = np.zeros((1, 12), np.float32)
w_output = gen.normal(0, 0.3, (12, 1)).astype(np.float32)
b_output = np.zeros((1, 1), np.float32)
step_size = np.float32(0.3)

for epoch in range(2000):
    hidden = np.tanh(inputs @ w_hidden + b_hidden)
    guess = 1 / (1 + np.exp(-(hidden @ w_output + b_output)))
    err_out = (guess - truth) / n
    grad_w_output = hidden.T @ err_out
    grad_b_output = err_out.sum(0, keepdims=True)
    err_hidden = (err_out @ w_output.T) * (1 - hidden * hidden)
    grad_w_hidden = inputs.T @ err_hidden
    grad_b_hidden = err_hidden.sum(0, keepdims=True)
    w_output -= step_size * grad_w_output
    b_output -= step_size * grad_b_output
    b_hidden -= step_size * grad_b_hidden
    w_hidden += step_size * grad_w_hidden  # BUG(ND105): moves the hidden weights up their gradient
print("accuracy", np.mean((guess > 0.5) == truth))
