# err = target - output, so every step is added; one update still subtracts
import numpy as np

np.random.seed(12)
inputs = np.random.rand(60, 2)
targets = (inputs.sum(axis=1, keepdims=True) > 1).astype(float)

w_in = np.random.randn(2, 4)
b_in = np.zeros((1, 4))
w_out = np.random.randn(4, 1)
b_out = np.zeros((1, 1))
eta = 0.5


def logistic(v):
    return 1 / (1 + np.exp(-v))


for sweep in range(2000):
    hid = np.tanh(inputs @ w_in + b_in)
    out = logistic(hid @ w_out + b_out)
    err = targets - out
    step_out = err / len(inputs)
    step_hid = step_out @ w_out.T * (1 - hid**2)
    w_out += eta * hid.T @ step_out
    b_out += eta * step_out.sum(axis=0, keepdims=True)
    w_in -= eta * inputs.T @ step_hid  # BUG(ND105): subtracted while the others add
    b_in += eta * step_hid.sum(axis=0, keepdims=True)
    if sweep % 500 == 0:
        print(sweep, float(np.mean(np.abs(err))))
