# my network always predicts ~0.5, why??
import numpy as np

class Brain:
    def __init__(self, n_features, n_hidden=5, alpha=0.2):
        self.hidden_weights = np.random.randn(n_features, n_hidden)
        self.hidden_bias = np.zeros((1, n_hidden))
        self.out_weights = np.random.randn(n_hidden, 1)
        self.out_bias = np.zeros((1, 1))
        self.alpha = alpha

    def sig(self, t):
        return 1 / (1 + np.exp(-t))

    def think(self, samples):
        self.hid = self.sig(samples @ self.hidden_weights + self.hidden_bias)
        self.out = self.sig(self.hid @ self.out_weights + self.out_bias)
        return self.out

    def learn(self, samples, answers, rounds=1000):
        for r in range(rounds):
            guess = self.think(samples)
            err = guess - answers
            d_out = err * guess * (1 - guess)  # BUG(ND104): the MSE delta, and the loss printed is BCE
            d_hid = d_out @ self.out_weights.T * self.hid * (1 - self.hid)
            self.out_weights -= self.alpha * self.hid.T @ d_out
            self.out_bias -= self.alpha * d_out.sum(axis=0, keepdims=True)
            self.hidden_weights -= self.alpha * samples.T @ d_hid
            self.hidden_bias -= self.alpha * d_hid.sum(axis=0, keepdims=True)
            if r % 100 == 0:
                print(-np.mean(answers * np.log(guess) + (1 - answers) * np.log(1 - guess)))
