# The same blog-post class with its evaluation after the update; the hidden bias is moved
# up its gradient (a + for a -).
import numpy as np


class TinyNet:
    def __init__(self, n_inputs, n_hidden, lr=0.5, seed=3):
        rng = np.random.default_rng(seed)
        self.w_ih = rng.normal(0.0, 1.0, (n_inputs, n_hidden))
        self.b_h = np.zeros(n_hidden)
        self.w_ho = rng.normal(0.0, 1.0, n_hidden)
        self.b_o = 0.0
        self.lr = lr

    @staticmethod
    def _sig(z):
        return 1.0 / (1.0 + np.exp(-z))

    def predict(self, point):
        hidden = self._sig(point @ self.w_ih + self.b_h)
        return self._sig(hidden @ self.w_ho + self.b_o)

    def _gradients(self, point, wanted):
        hidden = self._sig(point @ self.w_ih + self.b_h)
        out = self._sig(hidden @ self.w_ho + self.b_o)
        d_out = out - wanted  # cross-entropy through the sigmoid
        d_hidden = d_out * self.w_ho * hidden * (1 - hidden)
        return np.outer(point, d_hidden), d_hidden, d_out * hidden, d_out

    def _apply(self, g_ih, g_h, g_ho, g_o):
        self.w_ih = self.w_ih - self.lr * g_ih
        self.b_h = self.b_h + self.lr * g_h  # BUG(ND105): the hidden bias climbs its gradient
        self.w_ho = self.w_ho - self.lr * g_ho
        self.b_o = self.b_o - self.lr * g_o

    def fit(self, points, answers, iterations):
        history = []
        for it in range(iterations):
            k = np.random.randint(len(points))
            self._apply(*self._gradients(points[k], answers[k]))
            if it % 250 == 0:
                total = 0.0
                for j in range(len(points)):
                    total += (self.predict(points[j]) - answers[j]) ** 2
                history.append(total)
                print("iteration", it, "summed squared error", round(float(total), 4))
        return history


np.random.seed(7)
points = np.array([[0.1, 0.9], [0.2, 0.8], [0.9, 0.1], [0.8, 0.3], [0.7, 0.9], [0.2, 0.1]])
answers = np.array([1, 1, 0, 0, 1, 0])
net = TinyNet(2, 5)
errors = net.fit(points, answers, 3000)
print("first", errors[0], "last", errors[-1])
print([round(float(net.predict(p)), 2) for p in points])
