"""`fit(features, output)`: the labels handed in as `output`, beside a module-level array
of one number per sample (`angles`, used to make the data) that is no target."""
import numpy as np

np.random.seed(12)
angles = np.random.uniform(0, 2 * np.pi, 100)
radius = np.r_[np.random.uniform(0, 0.6, 50), np.random.uniform(1.0, 1.4, 50)]
features = np.c_[radius * np.cos(angles), radius * np.sin(angles)]
labels = np.r_[np.ones(50), np.zeros(50)].reshape(-1, 1)


def fit(features, output, hidden=6, rate=2.0, epochs=3000):
    w_in = np.random.randn(2, hidden)
    b_in = np.zeros(hidden)
    w_out = np.random.randn(hidden, 1)
    b_out = np.zeros(1)
    for epoch in range(epochs):
        hid = 1 / (1 + np.exp(-(features @ w_in + b_in)))
        prob = 1 / (1 + np.exp(-(hid @ w_out + b_out)))
        err = (prob - output) / len(features)
        err_hid = err @ w_out.T * hid * (1 - hid)
        w_out -= rate * hid.T @ err
        b_out -= rate * err.sum(axis=0)
        w_in -= rate * features.T @ err_hid
        b_in -= rate * err_hid.sum(axis=0)
        if epoch % 1000 == 0:
            print(epoch, float(np.mean((prob > 0.5) == output)))
    return w_in, b_in, w_out, b_out


weights = fit(features, labels)
