import numpy as np


class Dense:
    def __init__(self, n_in, n_out, rng):
        self.weight = rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out))
        self.bias = np.zeros((1, n_out))

    def __call__(self, x):
        self.x = x
        return x @ self.weight + self.bias


class Net:
    def __init__(self, rng):
        self.l1, self.l2 = Dense(2, 9, rng), Dense(9, 1, rng)

    def __call__(self, x):
        self.h = np.maximum(0.0, self.l1(x))
        self.p = 1 / (1 + np.exp(-self.l2(self.h)))
        return self.p

    def backward(self, d_out):
        self.l2.gw, self.l2.gb = self.h.T @ d_out, d_out.sum(0, keepdims=True)
        d_h = (d_out @ self.l2.weight.T) * (self.h > 0)
        self.l1.gw, self.l1.gb = self.l1.x.T @ d_h, d_h.sum(0, keepdims=True)


class LogLoss:
    def value(self, p, t):
        return float(-np.mean(t * np.log(p + 1e-12) + (1 - t) * np.log(1 - p + 1e-12)))

    def grad_logits(self, p, t):
        return (p - t) / len(t)


rng = np.random.default_rng(8)
X = rng.uniform(-1, 1, (256, 2))
y = ((X[:, 0] - 0.3) ** 2 + X[:, 1] ** 2 < 0.4).astype(float).reshape(-1, 1)
net, crit, lr = Net(rng), LogLoss(), 0.5

for epoch in range(120):
    perm = rng.permutation(len(X))
    for start in range(0, len(X), 32):
        idx = perm[start:start + 32]
        net.backward(crit.grad_logits(net(X[idx]), y[idx]))
        for layer in (net.l1, net.l2):
            layer.weight -= lr * layer.gw
            layer.bias -= lr * layer.gb
    if epoch % 40 == 0:
        print(epoch, round(crit.value(net(X), y), 4))
