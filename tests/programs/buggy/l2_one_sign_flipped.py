# weight decay written into each weight gradient; one of the two got a minus
import numpy as np

np.random.seed(4)
samples = np.random.randn(120, 3)
answers = (samples @ np.array([1.0, -2.0, 0.5]) > 0).astype(float).reshape(-1, 1)

n_hidden = 5
reg = 0.3
Win = np.random.randn(3, n_hidden) * 0.5
bin_ = np.zeros((1, n_hidden))
Wout = np.random.randn(n_hidden, 1) * 0.5
bout = np.zeros((1, 1))


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def train(epochs=1000, alpha=0.5):
    global Win, bin_, Wout, bout
    m = samples.shape[0]
    for epoch in range(epochs):
        h = sigmoid(samples @ Win + bin_)
        p = sigmoid(h @ Wout + bout)
        data_loss = -np.mean(answers * np.log(p) + (1 - answers) * np.log(1 - p))
        penalty = reg / (2 * m) * (np.sum(Win**2) + np.sum(Wout**2))
        d_out = (p - answers) / m
        d_Wout = h.T @ d_out + reg / m * Wout
        d_bout = np.sum(d_out, axis=0, keepdims=True)
        d_hid = (d_out @ Wout.T) * h * (1 - h)
        d_Win = samples.T @ d_hid - reg / m * Win  # BUG(ND100): the L2 term subtracted
        d_bin = np.sum(d_hid, axis=0, keepdims=True)
        Win -= alpha * d_Win
        bin_ -= alpha * d_bin
        Wout -= alpha * d_Wout
        bout -= alpha * d_bout
        if epoch % 200 == 0:
            print(epoch, round(data_loss + penalty, 4))


if __name__ == "__main__":
    train()
