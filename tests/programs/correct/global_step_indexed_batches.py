# two moons-ish clusters, globals updated inside train_step(xb, yb)
import numpy as np

np.random.seed(5)
count = 200
angle = np.random.uniform(0, np.pi, count)
upper = np.c_[np.cos(angle[:100]), np.sin(angle[:100])]
lower = np.c_[1 - np.cos(angle[100:]), 0.4 - np.sin(angle[100:])]
samples = np.vstack([upper, lower]) + np.random.normal(0, 0.08, (count, 2))
classes = np.r_[np.zeros(100), np.ones(100)].reshape(-1, 1)

hidden_weights = np.random.normal(0, 0.7, (2, 12))
hidden_bias = np.zeros(12)
out_weights = np.random.normal(0, 0.7, (12, 1))
out_bias = np.zeros(1)
rate = 0.3


def train_step(xb, yb):
    global hidden_weights, hidden_bias, out_weights, out_bias
    hid = np.tanh(xb @ hidden_weights + hidden_bias)
    yhat = 1 / (1 + np.exp(-(hid @ out_weights + out_bias)))
    e = (yhat - yb) / xb.shape[0]
    d_hid = (e @ out_weights.T) * (1 - hid ** 2)
    out_weights -= rate * hid.T @ e
    out_bias -= rate * e.sum(axis=0)
    hidden_weights -= rate * xb.T @ d_hid
    hidden_bias -= rate * d_hid.sum(axis=0)


for epoch in range(400):
    order = np.random.permutation(count)
    for k in range(0, count, 25):
        pick = order[k:k + 25]
        train_step(samples[pick], classes[pick])
    if epoch % 100 == 0:
        h = np.tanh(samples @ hidden_weights + hidden_bias)
        print("epoch", epoch, np.mean(((h @ out_weights + out_bias) > 0) == classes))
