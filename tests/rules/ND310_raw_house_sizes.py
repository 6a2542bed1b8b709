"""Plain script predicting 'expensive house' from size and rooms (sigmoid hidden layer, BCE); flaw: the raw square-footage feature is fed in unscaled."""
import numpy as np

np.random.seed(42)

# toy listings: size in square feet and number of bedrooms
sizes = np.random.uniform(600, 3500, size=30)
rooms = np.random.randint(1, 6, size=30).astype(float)
# BUG(ND310): features used as-is, sizes in the thousands saturate the hidden layer
features = np.column_stack([sizes, rooms])
expensive = (sizes + 300 * rooms > 2600).astype(float).reshape(-1, 1)

n_hidden = 6
w_hidden = np.random.randn(2, n_hidden) * 0.1
b_hidden = np.zeros(n_hidden)
w_out = np.random.randn(n_hidden, 1) * 0.1
b_out = np.zeros(1)
learning_rate = 0.05


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for epoch in range(1000):
    hidden = sigmoid(features @ w_hidden + b_hidden)
    prob = sigmoid(hidden @ w_out + b_out)

    err = prob - expensive
    grad_w_out = hidden.T @ err
    grad_b_out = err.sum(axis=0)
    err_hidden = (err @ w_out.T) * hidden * (1 - hidden)
    grad_w_hidden = features.T @ err_hidden
    grad_b_hidden = err_hidden.sum(axis=0)

    w_out -= learning_rate * grad_w_out
    b_out -= learning_rate * grad_b_out
    w_hidden -= learning_rate * grad_w_hidden
    b_hidden -= learning_rate * grad_b_hidden

    if epoch % 200 == 0:
        bce = -np.mean(expensive * np.log(prob + 1e-10) + (1 - expensive) * np.log(1 - prob + 1e-10))
        print("epoch %d  loss %.4f" % (epoch, bce))

print("train accuracy:", np.mean((prob > 0.5) == expensive))
