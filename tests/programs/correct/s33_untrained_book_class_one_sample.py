# my network class -- training comes later in the notebook, for now just the class
import numpy as np


class TwoLayerNet:
    """one sample in, one probability out. train() takes a single example."""

    def __init__(self, n_in, n_hid, lr=0.2, seed=0):
        rs = np.random.RandomState(seed)
        self.w_ih = rs.normal(0.0, n_in ** -0.5, (n_hid, n_in))
        self.w_ho = rs.normal(0.0, n_hid ** -0.5, (1, n_hid))
        self.b_h = np.zeros((n_hid, 1))
        self.b_o = np.zeros((1, 1))
        self.lr = lr

    @staticmethod
    def squash(z):
        return 1.0 / (1.0 + np.exp(-z))

    def train(self, x_list, t_list):
        x = np.array(x_list, ndmin=2).T
        t = np.array(t_list, ndmin=2).T
        h = self.squash(self.w_ih @ x + self.b_h)
        o = self.squash(self.w_ho @ h + self.b_o)
        e_o = t - o
        d_o = e_o * o * (1 - o)
        d_h = (self.w_ho.T @ d_o) * h * (1 - h)
        self.w_ho += self.lr * d_o @ h.T
        self.b_o += self.lr * d_o
        self.w_ih += self.lr * d_h @ x.T
        self.b_h += self.lr * d_h
        return float((e_o ** 2).sum())

    def query(self, x_list):
        x = np.array(x_list, ndmin=2).T
        return self.squash(self.w_ho @ self.squash(self.w_ih @ x + self.b_h) + self.b_o)


# toy data to try it on later
examples = [([0.0, 0.0, 1.0], [0.01]), ([0.0, 1.0, 1.0], [0.99]),
            ([1.0, 0.0, 1.0], [0.99]), ([1.0, 1.0, 1.0], [0.01])]
net = TwoLayerNet(3, 5)
print(net.query(examples[0][0]))
