"""Class-based tanh network with no bias terms at all, trained on a diagonal split; ND201: it has no biases."""
import numpy as np


class NoBiasNetwork:
    def __init__(self, inputs, targets, hidden=4, alpha=0.1):
        self.inputs = inputs
        self.targets = targets
        rng = np.random.RandomState(0)
        self.weights_ih = rng.uniform(-1, 1, (inputs.shape[1], hidden))
        self.weights_ho = rng.uniform(-1, 1, (hidden, 1))
        self.alpha = alpha

    def feedforward(self):
        self.hidden = np.tanh(self.inputs @ self.weights_ih)  # BUG(ND201): no bias in either layer
        self.output = 1 / (1 + np.exp(-(self.hidden @ self.weights_ho)))

    def backprop(self):
        d_output = self.output - self.targets
        d_hidden = (d_output @ self.weights_ho.T) * (1 - self.hidden ** 2)
        self.weights_ho -= self.alpha * self.hidden.T @ d_output
        self.weights_ih -= self.alpha * self.inputs.T @ d_hidden

    def train(self, epochs):
        for epoch in range(epochs):
            self.feedforward()
            self.backprop()
            if epoch % 250 == 0:
                p = np.clip(self.output, 1e-9, 1 - 1e-9)
                ce = -np.mean(self.targets * np.log(p) + (1 - self.targets) * np.log(1 - p))
                print("epoch %d cross-entropy %.4f" % (epoch, ce))


np.random.seed(13)
pts = np.random.randn(30, 2)
lbl = (pts[:, 0] + 0.5 * pts[:, 1] > 0).astype(float).reshape(-1, 1)

nn = NoBiasNetwork(pts, lbl)
nn.train(1000)
nn.feedforward()
print("accuracy:", np.mean((nn.output > 0.5) == lbl))
