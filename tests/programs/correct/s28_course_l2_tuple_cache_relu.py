# Regularization assignment style: L2 penalty, a tuple cache that carries the parameters
import numpy as np
import matplotlib.pyplot as plt


def load_2D_dataset(m=240, seed=1):
    np.random.seed(seed)
    train_X = np.random.uniform(-1, 1, (2, m))
    noise = 0.15 * np.random.randn(m)
    train_Y = (train_X[1] > 0.6 * np.sin(3 * train_X[0]) + noise).astype(int).reshape(1, m)
    return train_X, train_Y


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def initialize_parameters(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2)
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(A2), Y) + np.multiply(-np.log(1 - A2), 1 - Y)
    return 1.0 / m * np.nansum(logprobs)


def compute_cost_with_regularization(A2, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    cross_entropy_cost = compute_cost(A2, Y)
    L2_regularization_cost = (1.0 / m) * (lambd / 2) * (np.sum(np.square(W1)) + np.sum(np.square(W2)))
    return cross_entropy_cost + L2_regularization_cost


def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2) = cache

    dZ2 = A2 - Y
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) + (lambd / m) * W2
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T) + (lambd / m) * W1
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)

    gradients = {"dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for k in range(L):
        parameters["W" + str(k + 1)] = parameters["W" + str(k + 1)] - learning_rate * grads["dW" + str(k + 1)]
        parameters["b" + str(k + 1)] = parameters["b" + str(k + 1)] - learning_rate * grads["db" + str(k + 1)]
    return parameters


def model(X, Y, learning_rate=0.3, num_iterations=6000, print_cost=True, lambd=0.7):
    costs = []
    layers_dims = [X.shape[0], 12, 1]
    parameters = initialize_parameters(layers_dims)
    for i in range(0, num_iterations):
        a2, cache = forward_propagation(X, parameters)
        cost = compute_cost_with_regularization(a2, Y, parameters, lambd)
        grads = backward_propagation_with_regularization(X, Y, cache, lambd)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 1000 == 0:
            print("Cost after iteration {}: {}".format(i, cost))
            costs.append(cost)
    plt.plot(costs)
    plt.ylabel("cost")
    plt.xlabel("iterations (x1,000)")
    plt.title("Learning rate =" + str(learning_rate))
    plt.show()
    return parameters


train_X, train_Y = load_2D_dataset()
parameters = model(train_X, train_Y, lambd=0.7)
a2, _ = forward_propagation(train_X, parameters)
print("On the training set: accuracy", np.mean((a2 > 0.5) == train_Y))
