# why is my loss going down so slowly?? (weights typed in by hand)
import numpy as np

points = np.array([[0.1, 0.9], [0.8, 0.2], [0.9, 0.8], [0.2, 0.1], [0.5, 0.95], [0.95, 0.5]])
answers = np.array([[1.0], [1.0], [0.0], [0.0], [1.0], [1.0]])

hidden_weights = [[0.5, -0.4, 0.3], [-0.6, 0.2, 0.45]]   # lists, numpy handles them
hidden_bias = [0.0, 0.1, -0.1]
out_weights = [[0.3], [-0.5], [0.25]]
out_bias = [0.05]
rate = 2.0


def act(v):
    return 1 / (1 + np.exp(-v))


def train(rounds):
    global hidden_weights, hidden_bias, out_weights, out_bias
    for r in range(rounds):
        hid = act(np.dot(points, hidden_weights) + hidden_bias)
        guess = act(np.dot(hid, out_weights) + out_bias)
        miss = answers - guess
        d_out = miss
        d_hid = np.dot(d_out, np.transpose(out_weights)) * hid * (1 - hid)
        out_weights = out_weights + rate * np.dot(hid.T, d_out) / len(points)
        out_bias = out_bias + rate * np.sum(d_out, axis=0) / len(points)
        hidden_weights = hidden_weights + rate * np.dot(points.T, d_hid) / len(points)
        hidden_bias = hidden_bias + rate * np.sum(d_hid, axis=0) / len(points)
        if r % 1000 == 0:
            print(r, np.mean(miss ** 2))


train(3000)
print(np.round(act(np.dot(act(np.dot(points, hidden_weights) + hidden_bias), out_weights) + out_bias), 2))
