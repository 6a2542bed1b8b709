import time

import numpy as np

# watching it learn: pause every 500 epochs until Enter is pressed
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
T = np.array([[0], [1], [1], [0]], dtype=float)
rs = np.random.RandomState(1)
W1, b1 = rs.randn(2, 3), np.zeros((1, 3))
W2, b2 = rs.randn(3, 1), np.zeros((1, 1))

started = time.time()
for epoch in range(2000):
    A1 = np.tanh(X @ W1 + b1)
    A2 = 1 / (1 + np.exp(-(A1 @ W2 + b2)))
    dZ2 = A2 - T
    dZ1 = dZ2 @ W2.T * (1 - A1**2)
    W2 -= 0.1 * A1.T @ dZ2
    b2 -= 0.1 * dZ2.sum(axis=0, keepdims=True)
    W1 -= 0.1 * X.T @ dZ1
    b1 -= 0.1 * dZ1.sum(axis=0, keepdims=True)
    if epoch % 500 == 0:
        print(epoch, A2.ravel().round(2), f"{time.time() - started:.1f}s")
        time.sleep(0.2)
        input("press Enter to go on... ")
