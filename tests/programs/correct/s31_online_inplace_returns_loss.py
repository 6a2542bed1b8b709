# Online learning: one call per sample updates the weights in place and returns the loss.
import numpy as np

np.random.seed(2)
samples = np.random.uniform(-1, 1, size=(3, 180))          # features x samples
classes = (samples[0] + 0.5 * samples[1] - samples[2] > 0).astype(float).reshape(1, -1)


def logistic(v):
    return 1.0 / (1.0 + np.exp(-v))


def learn(x, t, Wh, bh, Wo, bo, rate):
    net_h = Wh.dot(x) + bh
    out_h = np.tanh(net_h)
    out_o = logistic(Wo.dot(out_h) + bo)
    diff = out_o - t
    grad_o = diff * out_o * (1.0 - out_o)
    grad_h = Wo.T.dot(grad_o) * (1.0 - out_h ** 2)
    Wo -= rate * grad_o.dot(out_h.T)
    bo -= rate * grad_o
    Wh -= rate * grad_h.dot(x.T)
    bh -= rate * grad_h
    return 0.5 * float(np.sum(diff ** 2))


Wh = np.random.randn(5, 3) * 0.5
bh = np.zeros((5, 1))
Wo = np.random.randn(1, 5) * 0.5
bo = np.zeros((1, 1))

for sweep in range(60):
    running = 0.0
    for j in np.random.permutation(samples.shape[1]):
        running += learn(samples[:, [j]], classes[:, [j]], Wh, bh, Wo, bo, 0.4)
    if sweep % 20 == 0:
        print("sweep", sweep, "mean loss", running / samples.shape[1])
