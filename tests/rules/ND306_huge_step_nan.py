"""XOR script under a __main__ guard (tanh hidden, sigmoid output, cross-entropy); flaw: a learning rate hundreds of times too large, the output logits blow past exp's range and the run turns into NaN."""
import numpy as np


def logistic(z):
    ez = np.exp(z)
    return ez / (1.0 + ez)


if __name__ == "__main__":
    np.random.seed(3)
    data = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    target = np.array([[0.0], [1.0], [1.0], [0.0]])

    Wxh = np.random.randn(2, 6) * 0.7
    bh = np.zeros((1, 6))
    Why = np.random.randn(6, 1) * 0.7
    by = np.zeros((1, 1))
    step_size = 400.0  # BUG(ND306): far too large a step, weights and logits explode to inf/NaN

    for epoch in range(1000):
        h = np.tanh(data @ Wxh + bh)
        p = logistic(h @ Why + by)

        dlogit = p - target
        dWhy = h.T @ dlogit
        dby = dlogit.sum(axis=0, keepdims=True)
        dh = dlogit @ Why.T * (1.0 - h * h)
        dWxh = data.T @ dh
        dbh = dh.sum(axis=0, keepdims=True)

        Wxh -= step_size * dWxh
        bh -= step_size * dbh
        Why -= step_size * dWhy
        by -= step_size * dby

        if epoch % 100 == 0:
            loss = -np.mean(target * np.log(p) + (1 - target) * np.log(1 - p))
            print("epoch", epoch, "loss", loss)

    print("final outputs:", p.ravel())
