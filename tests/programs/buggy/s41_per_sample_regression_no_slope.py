# fit y = x^2 - 1 with a tiny net, one example at a time
import numpy as np

rng = np.random.default_rng(3)
inputs = np.linspace(-2, 2, 40)
targets = inputs ** 2 - 1 + rng.normal(0, 0.05, 40)

hidden_w = rng.normal(0, 0.8, (6, 1))
hidden_bias = np.zeros(6)
out_w = rng.normal(0, 0.5, 6)
out_bias = 0.0
step = 0.01

for sweep in range(300):
    total = 0.0
    for n in rng.permutation(40):
        act = np.tanh(hidden_w[:, 0] * inputs[n] + hidden_bias)
        guess = out_w @ act + out_bias
        total += 0.5 * (guess - targets[n]) ** 2
        g_out = guess - targets[n]
        g_hidden = g_out * out_w  # BUG(ND110): the tanh slope is missing
        out_w -= step * g_out * act
        out_bias -= step * g_out
        hidden_w[:, 0] -= step * g_hidden * inputs[n]
        hidden_bias -= step * g_hidden
    if sweep % 50 == 0:
        print(sweep, total / 40)
