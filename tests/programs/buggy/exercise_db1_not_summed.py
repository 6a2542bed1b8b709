import numpy as np
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
def backprop(X, Y, input_size, hidden_size, W1, b1, W2, b2):
    m = X.shape[0]
    A1 = sigmoid(X @ W1 + b1)
    A2 = sigmoid(A1 @ W2 + b2)
    dZ2 = A2 - Y
    dW2 = A1.T @ dZ2
    db2 = np.sum(dZ2, axis=0, keepdims=True)
    dZ1 = (dZ2 @ W2.T) * A1 * (1 - A1)
    dW1 = X.T @ dZ1
    db1 = dZ1  # BUG(ND108): one row per sample, not summed
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
Y = np.array([[0.], [1.], [1.], [0.]])
np.random.seed(3)
W1 = np.random.randn(2, 3); b1 = np.zeros((1, 3)); W2 = np.random.randn(3, 1); b2 = np.zeros((1, 1))
if __name__ == "__main__":
    for epoch in range(3):
        g = backprop(X, Y, 2, 3, W1, b1, W2, b2)
        print({k: v.shape for k, v in g.items()})
        W1 = W1 - 0.5 * g["dW1"]; b1 = b1 - 0.5 * g["db1"]; W2 = W2 - 0.5 * g["dW2"]; b2 = b2 - 0.5 * g["db2"]
