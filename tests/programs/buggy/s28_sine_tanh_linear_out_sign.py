# sin(x) regression, tanh hidden, linear output: the output step goes the wrong way
import numpy as np
import matplotlib.pyplot as plt

np.random.seed(7)
x = np.linspace(-3, 3, 80).reshape(-1, 1)
t = np.sin(x)

H = 16
W1 = np.random.randn(1, H) * 0.8
b1 = np.zeros((1, H))
W2 = np.random.randn(H, 1) * 0.3
b2 = np.zeros((1, 1))
LR = 0.05
N = len(x)

history = []
for epoch in range(3000):
    h = np.tanh(x @ W1 + b1)
    yhat = h @ W2 + b2
    loss = np.mean((yhat - t) ** 2)
    history.append(loss)

    dy = 2 * (yhat - t) / N
    dW2 = h.T @ dy
    db2 = dy.sum(axis=0, keepdims=True)
    dh = dy @ W2.T * (1 - h ** 2)
    dW1 = x.T @ dh
    db1 = dh.sum(axis=0, keepdims=True)

    W2 += LR * dW2  # BUG(ND105): the output weights climb the loss
    b2 -= LR * db2
    W1 -= LR * dW1
    b1 -= LR * db1

    if epoch % 500 == 0:
        print(f"epoch {epoch:4d}  mse {loss:.5f}")

print("final mse", history[-1])
plt.plot(x, t, label="sin(x)")
plt.plot(x, np.tanh(x @ W1 + b1) @ W2 + b2, label="net")
plt.legend()
plt.show()
