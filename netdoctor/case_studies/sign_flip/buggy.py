# "My loss goes UP during training."
import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])

np.random.seed(0)
W1 = np.random.randn(2, 4)
b1 = np.zeros((1, 4))
W2 = np.random.randn(4, 1)
b2 = np.zeros((1, 1))
learning_rate = 0.5


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for epoch in range(2000):
    # forward
    z1 = X @ W1 + b1
    a1 = np.tanh(z1)
    z2 = a1 @ W2 + b2
    a2 = sigmoid(z2)

    # backward (binary cross-entropy, summed over the samples)
    dz2 = y - a2  # error = target - prediction
    dW2 = a1.T @ dz2
    db2 = np.sum(dz2, axis=0, keepdims=True)
    dz1 = dz2 @ W2.T * (1 - a1 ** 2)
    dW1 = X.T @ dz1
    db1 = np.sum(dz1, axis=0, keepdims=True)

    # update
    W2 -= learning_rate * dW2
    b2 -= learning_rate * db2
    W1 -= learning_rate * dW1
    b1 -= learning_rate * db1

    if epoch % 400 == 0:
        loss = -np.mean(y * np.log(a2) + (1 - y) * np.log(1 - a2))
        print(f"epoch {epoch}: loss {loss:.4f}")

a2 = sigmoid(np.tanh(X @ W1 + b1) @ W2 + b2)
loss = -np.mean(y * np.log(a2) + (1 - y) * np.log(1 - a2))
print(f"final loss {loss:.4f}")
