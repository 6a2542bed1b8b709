# a beginner's script: one table of features and labels, normalised in place, shuffled
# every epoch; helpers change the weights through `global`
import numpy as np

np.random.seed(3)
data = np.random.rand(30, 3) * [10.0, 4.0, 1.0]
data[:, 2] = (data[:, 0] / 10 + data[:, 1] / 4 > 1.0).astype(float)
for c in range(2):
    data[:, c] = (data[:, c] - data[:, c].mean()) / data[:, c].std()

w_in = np.random.randn(2, 5) * 0.5
b_in = np.zeros((1, 5))
w_out = np.random.randn(5, 1) * 0.5
b_out = np.zeros((1, 1))
rate = 0.5
grads = {}


def backprop(x, t):
    hid = np.tanh(x @ w_in + b_in)
    out = 1 / (1 + np.exp(-(hid @ w_out + b_out)))
    e = (out - t) / len(x)
    eh = (e @ w_out.T) * (1 - hid ** 2)
    grads["w_out"], grads["b_out"] = hid.T @ e, e.sum(axis=0, keepdims=True)
    grads["w_in"], grads["b_in"] = x.T @ eh, eh.sum(axis=0, keepdims=True)
    return out


def apply():
    global w_in, b_in, w_out, b_out
    w_in = w_in - rate * grads["w_in"]
    b_in = b_in - rate * grads["b_in"]
    w_out = w_out - rate * grads["w_out"]
    b_out = b_out - rate * grads["b_out"]


epoch, loss = 0, 1.0
while epoch < 2000 and loss > 0.05:
    np.random.shuffle(data)
    x, t = data[:, :2], data[:, 2:]
    out = backprop(x, t)
    apply()
    loss = float(-np.mean(t * np.log(out) + (1 - t) * np.log(1 - out)))
    if epoch % 200 == 0:
        print("epoch", epoch, "loss", round(loss, 4))
    epoch += 1
