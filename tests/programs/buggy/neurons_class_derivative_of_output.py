# Neuron-by-neuron network (floats w1..w6, b1..b3), squared error, one sample at a time.
# The output slope is taken at the output itself, which is already a sigmoid.
import numpy as np

np.random.seed(5)


def sigmoid(t):
    return 1.0 / (1.0 + np.exp(-t))


def dsigmoid(t):
    return sigmoid(t) * (1.0 - sigmoid(t))


class TwoTwoOne:
    def __init__(self):
        self.w1, self.w2, self.w3 = np.random.normal(), np.random.normal(), np.random.normal()
        self.w4, self.w5, self.w6 = np.random.normal(), np.random.normal(), np.random.normal()
        self.b1, self.b2, self.b3 = np.random.normal(), np.random.normal(), np.random.normal()

    def feedforward(self, x):
        h1 = sigmoid(self.w1 * x[0] + self.w2 * x[1] + self.b1)
        h2 = sigmoid(self.w3 * x[0] + self.w4 * x[1] + self.b2)
        return sigmoid(self.w5 * h1 + self.w6 * h2 + self.b3)

    def train(self, data, all_y_trues):
        learn_rate = 0.1
        for epoch in range(1000):
            for x, y_true in zip(data, all_y_trues):
                sum_h1 = self.w1 * x[0] + self.w2 * x[1] + self.b1
                h1 = sigmoid(sum_h1)
                sum_h2 = self.w3 * x[0] + self.w4 * x[1] + self.b2
                h2 = sigmoid(sum_h2)
                sum_o1 = self.w5 * h1 + self.w6 * h2 + self.b3
                o1 = sigmoid(sum_o1)

                d_L_d_ypred = -2 * (y_true - o1)
                d_out = d_L_d_ypred * dsigmoid(o1)  # BUG(ND101): slope taken at o1, not sum_o1

                d_h1 = self.w5 * d_out
                d_h2 = self.w6 * d_out
                self.w5 -= learn_rate * h1 * d_out
                self.w6 -= learn_rate * h2 * d_out
                self.b3 -= learn_rate * d_out
                self.w1 -= learn_rate * d_h1 * x[0] * dsigmoid(sum_h1)
                self.w2 -= learn_rate * d_h1 * x[1] * dsigmoid(sum_h1)
                self.b1 -= learn_rate * d_h1 * dsigmoid(sum_h1)
                self.w3 -= learn_rate * d_h2 * x[0] * dsigmoid(sum_h2)
                self.w4 -= learn_rate * d_h2 * x[1] * dsigmoid(sum_h2)
                self.b2 -= learn_rate * d_h2 * dsigmoid(sum_h2)
            if epoch % 100 == 0:
                preds = np.array([self.feedforward(x) for x in data])
                print(epoch, np.mean((all_y_trues - preds) ** 2))


data = np.array([[-2, -1], [25, 6], [17, 4], [-15, -6]])
all_y_trues = np.array([1, 0, 0, 1])
network = TwoTwoOne()
network.train(data, all_y_trues)
