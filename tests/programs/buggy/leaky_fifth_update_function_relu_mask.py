# leaky ReLU (slope 0.2) XOR net; one function does forward, backward and the update
# and hands the new weights back: there is no forward() of its own to compare with
import numpy as np

np.random.seed(7)
data = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
target = np.array([[0], [1], [1], [0]], dtype=float)

syn0 = 2 * np.random.random((2, 5)) - 1
bias0 = np.zeros((1, 5))
syn1 = 2 * np.random.random((5, 1)) - 1
bias1 = np.zeros((1, 1))


def learn(syn0, bias0, syn1, bias1, alpha=0.3):
    net = data.dot(syn0) + bias0
    l1 = np.where(net > 0, net, 0.2 * net)
    l2 = 1.0 / (1.0 + np.exp(-(l1.dot(syn1) + bias1)))
    l2_delta = l2 - target
    l1_delta = l2_delta.dot(syn1.T) * (net > 0)  # BUG(ND109): the ReLU mask, not the leaky slope
    syn1 = syn1 - alpha * l1.T.dot(l2_delta)
    bias1 = bias1 - alpha * l2_delta.sum(axis=0, keepdims=True)
    syn0 = syn0 - alpha * data.T.dot(l1_delta)
    bias0 = bias0 - alpha * l1_delta.sum(axis=0, keepdims=True)
    return syn0, bias0, syn1, bias1


for j in range(3000):
    syn0, bias0, syn1, bias1 = learn(syn0, bias0, syn1, bias1)
    if j % 1000 == 0:
        l1 = np.maximum(data.dot(syn0) + bias0, 0.2 * (data.dot(syn0) + bias0))
        out = 1.0 / (1.0 + np.exp(-(l1.dot(syn1) + bias1)))
        print("Error after", j, "iterations:", np.mean(np.abs(target - out)))
