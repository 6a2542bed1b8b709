"""XOR net in float32 as a class with train(); bug: the naive sigmoid 1/(1+exp(-x)) overflows in float32."""
import numpy as np


class XorNet:
    def __init__(self, n_hidden=4, lr=0.8, seed=7):
        rng = np.random.RandomState(seed)
        self.hidden_weights = rng.uniform(-1, 1, (2, n_hidden)).astype(np.float32)
        self.hidden_bias = np.zeros((1, n_hidden), dtype=np.float32)
        self.output_weights = rng.uniform(-1, 1, (n_hidden, 1)).astype(np.float32)
        self.output_bias = np.zeros((1, 1), dtype=np.float32)
        self.lr = np.float32(lr)

    @staticmethod
    def sigmoid(x):
        return 1.0 / (1.0 + np.exp(-x))  # BUG(ND205): exp(-x) overflows float32 once x < -88.7

    def forward(self, inputs):
        self.hidden = self.sigmoid(inputs @ self.hidden_weights + self.hidden_bias)
        self.out = self.sigmoid(self.hidden @ self.output_weights + self.output_bias)
        return self.out

    def backward(self, inputs, expected):
        d_out = self.out - expected
        d_hidden = (d_out @ self.output_weights.T) * self.hidden * (1 - self.hidden)
        self.output_weights -= self.lr * self.hidden.T @ d_out
        self.output_bias -= self.lr * d_out.sum(axis=0, keepdims=True)
        self.hidden_weights -= self.lr * inputs.T @ d_hidden
        self.hidden_bias -= self.lr * d_hidden.sum(axis=0, keepdims=True)

    def train(self, inputs, expected, epochs=3000):
        for epoch in range(epochs):
            self.forward(inputs)
            self.backward(inputs, expected)
            if epoch % 1000 == 0:
                miss = np.mean(np.abs(self.out - expected))
                print("epoch", epoch, "mean abs error", round(float(miss), 4))


inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
expected = np.array([[0], [1], [1], [0]], dtype=np.float32)

net = XorNet()
net.train(inputs, expected)
print("predictions:", net.forward(inputs).ravel().round(3))
