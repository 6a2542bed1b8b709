# Fruit sorter: weight (g) and diameter (cm) -> is it an orange (1) or a lemon (0)?
# Standardise the features, then keep one sample per COLUMN like the course notes do.
import numpy as np
import matplotlib.pyplot as plt

np.random.seed(42)
n_each = 60
oranges = np.column_stack([np.random.normal(180, 20, n_each), np.random.normal(7.5, 0.6, n_each)])
lemons = np.column_stack([np.random.normal(120, 18, n_each), np.random.normal(5.8, 0.5, n_each)])
feats = np.vstack([oranges, lemons])
is_orange = np.concatenate([np.ones(n_each), np.zeros(n_each)])

mean = feats.mean(axis=0)
std = feats.std(axis=0)
X = ((feats - mean) / std).T            # (2, m)
Y = is_orange.reshape(1, -1)            # (1, m)
m = X.shape[1]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sig_deriv(z):
    s = sigmoid(z)
    return s * (1 - s)


n_h = 5
W1 = np.random.randn(n_h, 2) * 0.5
b1 = np.zeros((n_h, 1))
W2 = np.random.randn(1, n_h) * 0.5
b2 = np.zeros((1, 1))
alpha = 1.0
history = []

for epoch in range(400):
    Z1 = W1 @ X + b1
    A1 = sigmoid(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)

    cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    acc = np.mean((A2 > 0.5) == Y)
    history.append(cost)

    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * sig_deriv(A1)  # BUG(ND101): sig_deriv wants Z1; A1 is already a sigmoid
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    W1 = W1 - alpha * dW1
    b1 = b1 - alpha * db1
    W2 = W2 - alpha * dW2
    b2 = b2 - alpha * db2

    if epoch % 50 == 0:
        print(f"epoch {epoch:3d}  cost {cost:.4f}  accuracy {acc:.3f}")

# a new fruit: 150 g, 6.9 cm
fruit = ((np.array([150.0, 6.9]) - mean) / std).reshape(2, 1)
p = sigmoid(W2 @ sigmoid(W1 @ fruit + b1) + b2)
print("P(orange) for the new fruit:", float(p[0, 0]))

plt.plot(history)
plt.xlabel("epoch")
plt.ylabel("cross-entropy")
plt.show()
