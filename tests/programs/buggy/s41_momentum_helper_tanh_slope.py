# XOR, one sample at a time, momentum written as a helper that takes the velocity
import numpy as np

np.random.seed(4)
data_in = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
data_out = np.array([[0.0], [1.0], [1.0], [0.0]])

w_a = np.random.uniform(-1, 1, (2, 5))
bias_a = np.zeros((1, 5))
w_b = np.random.uniform(-1, 1, (5, 1))
bias_b = np.zeros((1, 1))
speeds = [np.zeros_like(w_a), np.zeros_like(bias_a), np.zeros_like(w_b), np.zeros_like(bias_b)]
RATE, FRICTION = 0.3, 0.85


def squash(v):
    return 1.0 / (1.0 + np.exp(-v))


def grads_for(x, t):
    hid = np.tanh(x @ w_a + bias_a)
    out = squash(hid @ w_b + bias_b)
    e_out = out - t
    e_hid = (e_out @ w_b.T) * (1.0 - hid)  # BUG(ND109): tanh slope written as 1 - h
    return x.T @ e_hid, e_hid, hid.T @ e_out, e_out


def push(param, grad, speed):
    speed *= FRICTION
    speed -= RATE * grad
    param += speed


for sweep in range(1500):
    for k in np.random.permutation(4):
        g = grads_for(data_in[k:k + 1], data_out[k:k + 1])
        push(w_a, g[0], speeds[0])
        push(bias_a, g[1], speeds[1])
        push(w_b, g[2], speeds[2])
        push(bias_b, g[3], speeds[3])
    if sweep % 300 == 0:
        p = squash(np.tanh(data_in @ w_a + bias_a) @ w_b + bias_b)
        print(sweep, float(-np.mean(data_out * np.log(p) + (1 - data_out) * np.log(1 - p))))
