import numpy as np

np.random.seed(3)
inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]] * 20, dtype=float)
targets = np.array([[0], [1], [1], [0]] * 20, dtype=float)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_slope(x):
    return sigmoid(x) * (1 - sigmoid(x))


W_ih = np.random.randn(2, 4)
W_ho = np.random.randn(4, 1)
bias_h = np.zeros(4)
bias_o = np.zeros(1)

for it in range(4000):
    noisy = inputs + np.random.normal(0, 0.1, inputs.shape)  # augmentation
    hid = sigmoid(noisy @ W_ih + bias_h)
    pred = sigmoid(hid @ W_ho + bias_o)
    err = pred - targets
    delta_out = err * sigmoid_slope(pred)  # BUG(ND101): pred is already sigmoid(...)
    delta_hid = delta_out @ W_ho.T * hid * (1 - hid)
    W_ho -= 0.5 * hid.T @ delta_out
    bias_o -= 0.5 * delta_out.sum(axis=0)
    W_ih -= 0.5 * noisy.T @ delta_hid
    bias_h -= 0.5 * delta_hid.sum(axis=0)
    if it % 1000 == 0:
        print("mse", np.mean(err**2))
