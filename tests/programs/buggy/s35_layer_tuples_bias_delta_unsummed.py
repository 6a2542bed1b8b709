import numpy as np

np.random.seed(5)
xs = np.random.uniform(-1, 1, (100, 2))
ts = (xs[:, :1] > xs[:, 1:] ** 2).astype(float)

net = [(np.random.randn(2, 4) * 0.5, np.zeros((1, 4))), (np.random.randn(4, 1) * 0.5, np.zeros((1, 1)))]


def forward(net, x):
    (W1, b1), (W2, b2) = net
    h = np.tanh(x @ W1 + b1)
    return h, 1 / (1 + np.exp(-(h @ W2 + b2)))


def backprop(net, x, t):
    h, y = forward(net, x)
    e = (y - t) / len(x)
    top = (h.T @ e, e.sum(axis=0, keepdims=True))
    e = (e @ net[1][0].T) * (1 - h * h)
    bottom = (x.T @ e, e)  # BUG(ND108): the hidden bias gradient is the delta itself, not its sum over rows
    return [bottom, top]


lr = 0.8
for sweep in range(1500):
    grads = backprop(net, xs, ts)
    net = [(W - lr * gW, b - lr * gb) for (W, b), (gW, gb) in zip(net, grads)]
    if sweep % 500 == 0:
        print(sweep, np.mean((forward(net, xs)[1] > 0.5) == ts))
