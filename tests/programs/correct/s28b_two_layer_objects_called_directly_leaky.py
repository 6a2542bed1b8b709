# Two hand-made layer objects, chained by hand (no list of layers): a leaky-ReLU hidden
# layer and a sigmoid output, each layer updating its own weights in backward().
import numpy as np

SLOPE = 0.1


def leaky(z):
    return np.where(z > 0, z, SLOPE * z)


def act_grad(z):
    return np.where(z > 0, 1.0, SLOPE)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class Layer:
    def __init__(self, n_in, n_out, activation, rng):
        self.W = rng.normal(0.0, 1.0 / np.sqrt(n_in), (n_in, n_out))
        self.b = np.zeros(n_out)
        self.activation = activation

    def forward(self, x):
        self.x = x
        self.z = x @ self.W + self.b
        return self.activation(self.z)

    def backward(self, grad, lr):
        # grad is dL/dz for this layer
        self.neg_share = np.mean(self.z < 0)   # how many units sit on the leaky side
        grad_in = grad @ self.W.T
        self.W -= lr * self.x.T @ grad
        self.b -= lr * grad.sum(axis=0)
        return grad_in


# two interleaved half-moons, built by hand
rng = np.random.default_rng(3)
t = rng.uniform(0, np.pi, 100)
upper = np.column_stack([np.cos(t), np.sin(t)])
lower = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
X = np.vstack([upper, lower]) + rng.normal(0, 0.1, (200, 2))
Y = np.concatenate([np.zeros(100), np.ones(100)]).reshape(-1, 1)
m = len(X)

hid_layer = Layer(2, 10, leaky, rng)
out_layer = Layer(10, 1, sigmoid, rng)
lr = 0.5

for step in range(1500):
    out = out_layer.forward(hid_layer.forward(X))
    loss = -np.mean(Y * np.log(out + 1e-12) + (1 - Y) * np.log(1 - out + 1e-12))

    d_out = (out - Y) / m
    g = out_layer.backward(d_out, lr)
    hid_layer.backward(g * act_grad(hid_layer.z), lr)

    if step % 250 == 0:
        acc = np.mean((out > 0.5) == Y)
        print(f"step {step:4d}  loss {loss:.4f}  acc {acc:.2f}  "
              f"hidden on leaky side {hid_layer.neg_share:.2f}")

final = out_layer.forward(hid_layer.forward(X))
print("final accuracy", np.mean((final > 0.5) == Y))
