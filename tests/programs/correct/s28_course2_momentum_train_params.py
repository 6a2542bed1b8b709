# Course 2 week 2 style: mini-batch gradient descent with momentum, samples as columns
import numpy as np
import matplotlib.pyplot as plt


def load_dataset(m=300, seed=3):
    np.random.seed(seed)
    X = np.random.randn(2, m)
    Y = (np.sin(2 * X[0:1, :]) > X[1:2, :]).astype(float)
    return X, Y


def initialize_parameters(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(1.0 / layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    mini_batches = []
    for k in range(0, m, mini_batch_size):
        mini_batches.append((shuffled_X[:, k:k + mini_batch_size], shuffled_Y[:, k:k + mini_batch_size]))
    return mini_batches


def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    return -np.sum(logprobs) / m


def backward_propagation(X, Y, parameters, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = 1.0 / m * np.dot(dZ2, cache["A1"].T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(cache["A1"], 2))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    return parameters, v


def train(X, Y, layer_dims, learning_rate=0.1, mini_batch_size=64, beta=0.9, num_epochs=300):
    params = initialize_parameters(layer_dims)
    v = initialize_velocity(params)
    costs = []
    seed = 10
    for i in range(num_epochs):
        seed = seed + 1
        cost_total = 0
        for minibatch_X, minibatch_Y in random_mini_batches(X, Y, mini_batch_size, seed):
            A2, cache = forward_propagation(minibatch_X, params)
            cost_total += compute_cost(A2, minibatch_Y) * minibatch_X.shape[1]
            grads = backward_propagation(minibatch_X, minibatch_Y, params, cache)
            params, v = update_parameters_with_momentum(params, grads, v, beta, learning_rate)
        cost_avg = cost_total / X.shape[1]
        if i % 50 == 0:
            print("Cost after epoch %i: %f" % (i, cost_avg))
        costs.append(cost_avg)
    return params, costs


X, Y = load_dataset()
np.random.seed(1)
params, costs = train(X, Y, [X.shape[0], 8, 1])
predictions = forward_propagation(X, params)[0] > 0.5
print("Accuracy: " + str(np.mean(predictions == Y)))

plt.plot(costs)
plt.ylabel("cost")
plt.xlabel("epochs")
plt.title("Momentum, learning rate = 0.1")
plt.show()
