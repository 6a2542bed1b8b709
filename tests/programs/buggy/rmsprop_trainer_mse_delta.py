# RMSprop kept in a trainer; the gradients are returned by a function; the loss is BCE
import numpy as np

rng = np.random.default_rng(9)
pts = rng.uniform(-1, 1, (100, 2))
tgt = (pts[:, :1] * pts[:, 1:] > 0).astype(float)
net = {"W1": rng.normal(0, 0.7, (2, 6)), "b1": np.zeros((1, 6)),
       "W2": rng.normal(0, 0.7, (6, 1)), "b2": np.zeros((1, 1))}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(net, X):
    H = np.tanh(X @ net["W1"] + net["b1"])
    return H, sigmoid(H @ net["W2"] + net["b2"])


def gradients(net, X, Y):
    H, P = forward(net, X)
    loss = -np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P))
    dP = (P - Y) * P * (1 - P) / len(X)  # BUG(ND104): the squared-error delta, the loss is BCE
    dH = dP @ net["W2"].T * (1 - H**2)
    return loss, {"W1": X.T @ dH, "b1": dH.sum(0, keepdims=True),
                  "W2": H.T @ dP, "b2": dP.sum(0, keepdims=True)}


class Trainer:
    def __init__(self, net, rate=0.01, decay=0.9):
        self.net, self.rate, self.decay = net, rate, decay
        self.square = {k: np.zeros_like(v) for k, v in net.items()}

    def update(self, grads):
        for name, weight in self.net.items():
            self.square[name] = self.decay * self.square[name] + (1 - self.decay) * grads[name] ** 2
            weight -= self.rate * grads[name] / (np.sqrt(self.square[name]) + 1e-8)


trainer = Trainer(net)
for it in range(800):
    loss, grads = gradients(net, pts, tgt)
    trainer.update(grads)
    if it % 200 == 0:
        print(it, round(float(loss), 4))
