# "bias trick" network: stuck, the outputs barely move
import numpy as np


def logistic(t, derivative=False):
    if derivative:
        return t * (1 - t)
    return 1 / (1 + np.exp(-t))


table = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
truth = np.array([[0.0], [1.0], [1.0], [0.0]])
with_one = np.hstack([table, np.ones((4, 1))])

np.random.seed(8)
layer1 = np.random.uniform(-1, 1, (3, 5))
layer2 = np.random.uniform(-1, 1, (6, 1))  # 5 hidden units + their bias row

for it in range(6000):
    hidden = logistic(with_one @ layer1)
    hidden_1 = np.hstack([hidden, np.ones((len(hidden), 1))])
    guess = logistic(hidden_1 @ layer2)

    out_delta = (guess - truth) * logistic(guess, derivative=True)
    hidden_delta = (out_delta @ layer2[:-1].T) * hidden  # BUG(ND109): the activation where its derivative belongs

    layer2 -= 0.8 * hidden_1.T @ out_delta
    layer1 -= 0.8 * with_one.T @ hidden_delta
    if it % 1500 == 0:
        print(it, float(np.mean((guess - truth) ** 2)))
print(guess.ravel().round(2))
