#!/usr/bin/env python
# coding: utf-8

# # Planar data with one hidden layer
# Exported from the course notebook (with one slip): each helper is tested in its own cell with the
# same names the model function uses inside (`parameters`, `cache`, `grads`).

# In[1]:


import numpy as np


# In[2]:


rs = np.random.RandomState(1)
m = 240
theta = rs.uniform(0, 2 * np.pi, m)
radius = np.where(np.arange(m) % 2 == 0, 1.0, 2.2) + rs.normal(0, 0.15, m)
X = np.vstack([radius * np.cos(theta), radius * np.sin(theta)])
Y = (np.arange(m) % 2 == 0).astype(float).reshape(1, m)
print("X:", X.shape, "Y:", Y.shape)


# In[3]:


def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x) * 0.5
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.5
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


parameters = initialize_parameters(2, 4, 1)
print("W1 = " + str(parameters["W1"]))


# In[4]:


def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


A2, cache = forward_propagation(X, parameters)
assert A2.shape == (1, X.shape[1])


# In[5]:


def compute_cost(A2, Y):
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(logprobs) / Y.shape[1])


print("cost = " + str(compute_cost(A2, Y)))


# In[6]:


def backward_propagation(parameters, cache, X, Y):
    n = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / n
    db2 = np.sum(dZ2, axis=1, keepdims=True) / n
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["A1"] ** 2)
    dW1 = dZ1 @ X.T / n
    db1 = dZ1 / n  # BUG(ND108): the bias delta is not summed over the samples
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


grads = backward_propagation(parameters, cache, X, Y)
print("dW1 = " + str(grads["dW1"]))


# In[7]:


def update_parameters(parameters, grads, learning_rate=1.2):
    return {k: parameters[k] - learning_rate * grads["d" + k] for k in parameters}


parameters = update_parameters(parameters, grads)


# In[8]:


def nn_model(X, Y, n_h, num_iterations=3000, print_cost=False):
    np.random.seed(3)
    parameters = initialize_parameters(X.shape[0], n_h, Y.shape[0])
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
    return parameters


# In[9]:


parameters = nn_model(X, Y, n_h=4, print_cost=True)
predictions = forward_propagation(X, parameters)[0] > 0.5
print("Accuracy: %d" % float(np.mean(predictions == Y) * 100) + "%")
