# per-sample training, each sample reshaped into a column
import numpy as np

np.random.seed(42)
data = np.array([[0.1, 0.9], [0.9, 0.1], [0.2, 0.8], [0.8, 0.3], [0.15, 0.7], [0.85, 0.2]])
label = np.array([1, 0, 1, 0, 1, 0])

w_hidden = np.random.randn(3, 2) * 0.5   # (hidden, inputs)
b_hidden = np.zeros((3, 1))
w_out = np.random.randn(1, 3) * 0.5
b_out = np.zeros((1, 1))
learning = 0.8


def act(z):
    return 1 / (1 + np.exp(-z))


for sweep in range(2000):
    total = 0.0
    for i in range(len(data)):
        x = data[i].reshape(-1, 1)
        t = label[i]
        h = act(np.dot(w_hidden, x) + b_hidden)
        o = act(np.dot(w_out, h) + b_out)
        total += float(-(t * np.log(o) + (1 - t) * np.log(1 - o))[0, 0])
        e_o = o - t
        e_h = np.dot(w_out.T, e_o) * h * (1 - h)
        w_out -= learning * np.dot(e_o, h.T)
        b_out -= learning * e_o
        w_hidden -= learning * np.dot(e_h, x.T)
        b_hidden -= learning * e_h
    if sweep % 500 == 0:
        print(sweep, total / len(data))
