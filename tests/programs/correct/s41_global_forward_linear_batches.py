# regression of a cubic with mini-batches; forward() reads the weights as globals and
# keeps the hidden layer in a global for the update
import numpy as np

np.random.seed(8)
xs = np.linspace(-1.5, 1.5, 120).reshape(1, -1)
ys = xs ** 3 - xs + 0.05 * np.random.randn(1, 120)
A = np.random.randn(9, 1)
a = np.zeros((9, 1))
B = np.random.randn(1, 9) * 0.3
b = np.zeros((1, 1))
hidden = None


def forward(x):
    global hidden
    hidden = np.maximum(0, A @ x + a)
    return B @ hidden + b


def step(x, t, lr=0.05):
    global A, a, B, b
    n = x.shape[1]
    g = (forward(x) - t) / n
    gh = (B.T @ g) * (hidden > 0)
    B -= lr * g @ hidden.T
    b -= lr * g.sum(axis=1, keepdims=True)
    A -= lr * gh @ x.T
    a -= lr * gh.sum(axis=1, keepdims=True)


for epoch in range(600):
    order = np.random.permutation(120)
    for s in range(0, 120, 20):
        cols = order[s:s + 20]
        pred = forward(xs[:, cols])
        step(xs[:, cols], ys[:, cols])
    if epoch % 100 == 0:
        print(epoch, float(np.mean((forward(xs) - ys) ** 2)))
