"""Top-level script: ReLU hidden layer on a ring dataset; bug: the hidden delta skips the ReLU derivative."""
import numpy as np

np.random.seed(21)

# inner disc = class 1, outer ring = class 0
radius = np.r_[np.random.uniform(0.0, 0.8, 30), np.random.uniform(1.3, 2.0, 30)]
theta = np.random.uniform(0, 2 * np.pi, 60)
inputs = np.c_[radius * np.cos(theta), radius * np.sin(theta)]
labels = np.r_[np.ones(30), np.zeros(30)][:, None]

n_hidden = 10
hidden_weights = np.random.randn(2, n_hidden) * 0.7
hidden_bias = np.full((1, n_hidden), 0.1)
output_weights = np.random.randn(n_hidden, 1) * 0.3
output_bias = np.zeros((1, 1))
learning_rate = 0.02

for epoch in range(3000):
    pre = inputs @ hidden_weights + hidden_bias
    act = np.maximum(0, pre)
    logits = act @ output_weights + output_bias
    pred = 1 / (1 + np.exp(-logits))

    err_out = pred - labels
    grad_out_w = act.T @ err_out
    grad_out_b = np.sum(err_out, axis=0, keepdims=True)
    err_hidden = err_out @ output_weights.T  # BUG(ND110): missing * (pre > 0), the ReLU derivative
    grad_hidden_w = inputs.T @ err_hidden
    grad_hidden_b = np.sum(err_hidden, axis=0, keepdims=True)

    output_weights -= learning_rate * grad_out_w
    output_bias -= learning_rate * grad_out_b
    hidden_weights -= learning_rate * grad_hidden_w
    hidden_bias -= learning_rate * grad_hidden_b

    if epoch % 500 == 0:
        loss = -np.mean(labels * np.log(pred + 1e-9) + (1 - labels) * np.log(1 - pred + 1e-9))
        print("epoch", epoch, "loss", round(float(loss), 4))

print("train accuracy:", float(np.mean((pred > 0.5) == labels)))
