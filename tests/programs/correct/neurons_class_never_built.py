# A neuron-by-neuron network pasted without its driver: the class is never instantiated.
# Two inputs, two hidden tanh units, a sigmoid output; every weight its own float.
import numpy as np

points = np.array([[0.5, 1.0], [-1.0, -0.5], [1.5, -0.2], [-0.3, 0.8], [0.9, 0.1]])
true_labels = np.array([1, 0, 1, 0, 1])


class HandWiredNet:
    def __init__(self, lr=0.05):
        rng = np.random.default_rng(8)
        self.lr = lr
        self.wa, self.wb, self.wc, self.wd = (float(v) for v in rng.normal(size=4))
        self.w_out1, self.w_out2 = (float(v) for v in rng.normal(size=2))
        self.bias_a, self.bias_b, self.bias_out = 0.0, 0.0, 0.0

    def sigmoid(self, s):
        return 1.0 / (1.0 + np.exp(-s))

    def fit(self, inputs, true_labels, rounds=300):
        for _ in range(rounds):
            for (x1, x2), label in zip(inputs, true_labels):
                pre = [x1, x2]
                ha = np.tanh(self.wa * pre[0] + self.wb * pre[1] + self.bias_a)
                hb = np.tanh(self.wc * pre[0] + self.wd * pre[1] + self.bias_b)
                out = self.sigmoid(self.w_out1 * ha + self.w_out2 * hb + self.bias_out)
                err = out - label  # cross-entropy with a sigmoid: the output error is out - y
                ga = err * self.w_out1 * (1 - ha**2)
                gb = err * self.w_out2 * (1 - hb**2)
                self.w_out1 -= self.lr * err * ha
                self.w_out2 -= self.lr * err * hb
                self.bias_out -= self.lr * err
                self.wa -= self.lr * ga * pre[0]
                self.wb -= self.lr * ga * pre[1]
                self.bias_a -= self.lr * ga
                self.wc -= self.lr * gb * pre[0]
                self.wd -= self.lr * gb * pre[1]
                self.bias_b -= self.lr * gb
