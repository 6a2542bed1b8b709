"""A class pasted alone, never built: `Brainlet(n_features, n_neurons)`, methods taking
`pts` and `truth`; the hidden delta uses (1 - mid) where tanh's 1 - mid**2 belongs."""

import numpy as np

class Brainlet:
    """asked on a forum: why does loss stay at 0.69"""
    def __init__(self, n_features, n_neurons, speed=0.3):
        self.kernel_in = np.random.randn(n_features, n_neurons) * 0.5
        self.shift_in = np.zeros((1, n_neurons))
        self.kernel_out = np.random.randn(n_neurons, 1) * 0.5
        self.shift_out = np.zeros((1, 1))
        self.speed = speed

    def think(self, pts):
        self.mid = np.tanh(pts @ self.kernel_in + self.shift_in)
        self.guess = 1 / (1 + np.exp(-(self.mid @ self.kernel_out + self.shift_out)))
        return self.guess

    def learn(self, pts, truth, rounds=2000):
        for _ in range(rounds):
            g = self.think(pts)
            d_out = g - truth
            d_mid = d_out @ self.kernel_out.T * (1 - self.mid)  # BUG(ND109): half of tanh's 1 - mid**2
            self.kernel_out -= self.speed * self.mid.T @ d_out / len(pts)
            self.shift_out -= self.speed * d_out.mean(axis=0, keepdims=True)
            self.kernel_in -= self.speed * pts.T @ d_mid / len(pts)
            self.shift_in -= self.speed * d_mid.mean(axis=0, keepdims=True)
