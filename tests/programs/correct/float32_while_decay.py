"""Single-precision MLP: 4 inputs -> 4 sigmoid hidden -> 1 sigmoid output.

All arrays are float32 (as they would be on a GPU). Training keeps going until
the mean squared error drops below 0.01 or we hit 5000 epochs, with a slowly
decaying learning rate.
"""
import numpy as np
import matplotlib.pyplot as plt

rng = np.random.default_rng(5)

N, D, H = 128, 4, 4
X = rng.normal(size=(N, D))
y = ((X[:, 0] + 0.5 * X[:, 1] - X[:, 2] * X[:, 3]) > 0).reshape(-1, 1)
X = X.astype(np.float32)
y = y.astype(np.float32)

W1 = (rng.normal(size=(D, H)) * 0.5).astype(np.float32)
b1 = np.zeros((1, H)).astype(np.float32)
W2 = (rng.normal(size=(H, 1)) * 0.5).astype(np.float32)
b2 = np.zeros((1, 1)).astype(np.float32)


def sigmoid(z):
    return np.float32(1.0) / (np.float32(1.0) + np.exp(-z))


lr = 2.0
loss = np.inf
epoch = 0
losses = []

while loss > 0.01 and epoch < 5000:
    # forward
    hidden = sigmoid(X @ W1 + b1)
    out = sigmoid(hidden @ W2 + b2)
    loss = float(np.mean((out - y) ** 2))
    losses.append(loss)

    # backward
    d_out = 2.0 * (out - y) / N * out * (1.0 - out)
    dW2 = hidden.T @ d_out
    db2 = np.sum(d_out, axis=0, keepdims=True)
    d_hidden = (d_out @ W2.T) * hidden * (1.0 - hidden)
    dW1 = X.T @ d_hidden
    db1 = np.sum(d_hidden, axis=0, keepdims=True)

    # update (everything stays float32)
    W1 -= np.float32(lr) * dW1
    b1 -= np.float32(lr) * db1
    W2 -= np.float32(lr) * dW2
    b2 -= np.float32(lr) * db2

    lr *= 0.999
    if epoch % 500 == 0:
        print(f"epoch {epoch:5d}  mse {loss:.5f}  lr {lr:.4f}  dtype {W1.dtype}")
    epoch += 1

print(f"stopped after {epoch} epochs, mse {loss:.5f}")
print("accuracy:", float(np.mean((out > 0.5) == (y > 0.5))))

plt.plot(losses)
plt.xlabel("epoch")
plt.ylabel("MSE")
plt.title("float32 network")
plt.show()
