# XOR on inputs in {-1, +1}, each pattern repeated: with zero biases every bias gradient
# of the first step sums to exactly 0. The output layer is updated as soon as its
# gradient is ready, before the hidden layer's gradient is formed.
import itertools
import numpy as np

np.random.seed(12)
corners = np.array(list(itertools.product([-1.0, 1.0], repeat=2)))
X = np.tile(corners, (5, 1))
Y = (X[:, :1] * X[:, 1:] < 0).astype(float)

W_in = np.random.randn(2, 6) * 0.8
b_in = np.zeros((1, 6))
W_out = np.random.randn(6, 1) * 0.8
b_out = np.zeros((1, 1))


def learn(rate):
    global W_in, b_in, W_out, b_out
    m = len(X)
    H = np.tanh(X @ W_in + b_in)
    P = 1 / (1 + np.exp(-(H @ W_out + b_out)))
    d_out = (P - Y) / m
    W_out = W_out - rate * H.T @ d_out
    b_out = b_out - rate * d_out.sum(axis=0, keepdims=True)
    d_hid = (d_out @ W_out.T) * (1 - H ** 2)  # BUG(ND111): W_out was already stepped above
    W_in = W_in - rate * X.T @ d_hid
    b_in = b_in - rate * d_hid.sum(axis=0, keepdims=True)
    return float(-np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P)))


for epoch in range(3000):
    loss = learn(0.8)
    if epoch % 1000 == 0:
        print(epoch, loss)
