"""Circle-vs-ring classifier with init/forward/backward functions and main(); flaw: the first layer is initialised a thousand times smaller than the second, so the layers' gradient norms differ by orders of magnitude."""
import numpy as np


def make_data(n=60):
    angles = np.random.uniform(0, 2 * np.pi, n)
    radius = np.where(np.arange(n) % 2 == 0, 0.5, 1.5) + 0.1 * np.random.randn(n)
    inputs = np.column_stack([radius * np.cos(angles), radius * np.sin(angles)])
    outputs = (radius > 1.0).astype(float).reshape(-1, 1)
    return inputs, outputs


def init(n_in, n_hid):
    # BUG(ND305): first layer scaled by 1e-3 but the output layer is not: the hidden
    # activations are ~0, so dW2 is ~1000x smaller than dW1 (gradient norms out of balance)
    W1 = np.random.randn(n_in, n_hid) * 1e-3
    b1 = np.zeros((1, n_hid))
    W2 = np.random.randn(n_hid, 1)
    b2 = np.zeros((1, 1))
    return W1, b1, W2, b2


def forward(X, W1, b1, W2, b2):
    A1 = np.tanh(X @ W1 + b1)
    A2 = 1.0 / (1.0 + np.exp(-(A1 @ W2 + b2)))
    return A1, A2


def backward(X, Y, A1, A2, W2):
    dZ2 = A2 - Y
    dW2 = A1.T @ dZ2
    db2 = np.sum(dZ2, axis=0, keepdims=True)
    dZ1 = (dZ2 @ W2.T) * (1 - A1 ** 2)
    dW1 = X.T @ dZ1
    db1 = np.sum(dZ1, axis=0, keepdims=True)
    return dW1, db1, dW2, db2


def main():
    np.random.seed(11)
    X, Y = make_data()
    W1, b1, W2, b2 = init(2, 8)
    eta = 0.02
    for it in range(2000):
        A1, A2 = forward(X, W1, b1, W2, b2)
        dW1, db1, dW2, db2 = backward(X, Y, A1, A2, W2)
        W1 -= eta * dW1
        b1 -= eta * db1
        W2 -= eta * dW2
        b2 -= eta * db2
        if it % 400 == 0:
            loss = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
            print(f"iteration {it}: loss={loss:.4f} |dW1|={np.linalg.norm(dW1):.2e} |dW2|={np.linalg.norm(dW2):.2e}")
    _, A2 = forward(X, W1, b1, W2, b2)
    print("accuracy", np.mean((A2 > 0.5) == Y))


if __name__ == "__main__":
    main()
