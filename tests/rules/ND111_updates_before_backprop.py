"""XOR trained from main() with a step() function; bug: the output weights are updated before the hidden delta uses them."""
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def make_weights(n_in, n_hidden, seed=5):
    rng = np.random.default_rng(seed)
    syn0 = rng.normal(0.0, 1.0, size=(n_in, n_hidden))
    bias0 = np.zeros(n_hidden)
    syn1 = rng.normal(0.0, 1.0, size=(n_hidden, 1))
    bias1 = np.zeros(1)
    return syn0, bias0, syn1, bias1


def step(data, truth, syn0, bias0, syn1, bias1, lr):
    l1 = sigmoid(data @ syn0 + bias0)
    l2 = sigmoid(l1 @ syn1 + bias1)
    l2_delta = l2 - truth
    syn1 = syn1 - lr * (l1.T @ l2_delta)
    bias1 = bias1 - lr * l2_delta.sum(axis=0)
    l1_delta = (l2_delta @ syn1.T) * l1 * (1 - l1)  # BUG(ND111): syn1 was already updated two lines up
    syn0 = syn0 - lr * (data.T @ l1_delta)
    bias0 = bias0 - lr * l1_delta.sum(axis=0)
    cost = -np.sum(truth * np.log(l2) + (1 - truth) * np.log(1 - l2))
    return syn0, bias0, syn1, bias1, cost


def main():
    data = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    truth = np.array([[0], [1], [1], [0]], dtype=float)
    syn0, bias0, syn1, bias1 = make_weights(2, 3)
    for it in range(2500):
        syn0, bias0, syn1, bias1, cost = step(data, truth, syn0, bias0, syn1, bias1, lr=0.8)
        if it % 500 == 0:
            print(f"iter {it}: cost={cost:.5f}")
    out = sigmoid(sigmoid(data @ syn0 + bias0) @ syn1 + bias1)
    print("final outputs", np.round(out.ravel(), 3))


if __name__ == "__main__":
    main()
