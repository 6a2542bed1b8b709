## Machine Learning - Exercise 4 (binary version): Neural Network Learning
#
#  Instructions
#  ------------
#  This file contains code that helps you get started on the neural network
#  exercise. You will need to complete nnCostFunction so that it returns the
#  cost J and the unrolled gradient grad. Only one output unit is used here
#  (labels are 0/1), so there is no one-hot recoding of y.
#
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoidGradient(z):
    g = sigmoid(z)
    return g * (1.0 - g)


def randInitializeWeights(L_in, L_out, epsilon_init=0.5):
    # one extra column for the bias unit
    return np.random.rand(L_out, 1 + L_in) * 2 * epsilon_init - epsilon_init


def predict(Theta1, Theta2, X):
    m = X.shape[0]
    h1 = sigmoid(np.concatenate([np.ones((m, 1)), X], axis=1) @ Theta1.T)
    h2 = sigmoid(np.concatenate([np.ones((m, 1)), h1], axis=1) @ Theta2.T)
    return (h2[:, 0] >= 0.5).astype(int)


def nnCostFunction(nn_params, input_layer_size, hidden_layer_size,
                   num_labels, X, y, lambda_):
    # Reshape nn_params back into Theta1 and Theta2
    Theta1 = np.reshape(nn_params[:hidden_layer_size * (input_layer_size + 1)],
                        (hidden_layer_size, input_layer_size + 1))
    Theta2 = np.reshape(nn_params[hidden_layer_size * (input_layer_size + 1):],
                        (num_labels, hidden_layer_size + 1))
    m = X.shape[0]
    Y = y.reshape(m, 1)

    # ---------------- Part 1: feedforward + cost ----------------
    a1 = np.concatenate([np.ones((m, 1)), X], axis=1)
    z2 = a1 @ Theta1.T
    a2 = np.concatenate([np.ones((m, 1)), sigmoid(z2)], axis=1)
    z3 = a2 @ Theta2.T
    a3 = sigmoid(z3)

    J = (-1.0 / m) * np.sum(Y * np.log(a3) + (1 - Y) * np.log(1 - a3))
    J += (lambda_ / (2.0 * m)) * (np.sum(Theta1[:, 1:] ** 2)
                                  + np.sum(Theta2[:, 1:] ** 2))

    # ---------------- Part 2: backpropagation ----------------
    delta3 = a3 - Y                                         # (m, 1)
    delta2 = (delta3 @ Theta2)[:, 1:] * sigmoidGradient(a2[:, 1:])  # BUG(ND101): a2 is already sigmoid(z2)

    Theta1_grad = (1.0 / m) * (delta2.T @ a1)
    Theta2_grad = (1.0 / m) * (delta3.T @ a2)

    # ---------------- Part 3: regularisation ----------------
    Theta1_grad[:, 1:] += (lambda_ / m) * Theta1[:, 1:]
    Theta2_grad[:, 1:] += (lambda_ / m) * Theta2[:, 1:]

    # Unroll gradients
    grad = np.concatenate([Theta1_grad.ravel(), Theta2_grad.ravel()])
    return J, grad


## =========== Part 1: Loading Data =============
np.random.seed(0)
m = 150
X = np.random.uniform(-1, 1, (m, 2))
y = (X[:, 0] * X[:, 1] > 0).astype(int)     # "same sign" quadrants

input_layer_size = 2
hidden_layer_size = 6
num_labels = 1

## =========== Part 2: Initializing Parameters =============
initial_Theta1 = randInitializeWeights(input_layer_size, hidden_layer_size)
initial_Theta2 = randInitializeWeights(hidden_layer_size, num_labels)
nn_params = np.concatenate([initial_Theta1.ravel(), initial_Theta2.ravel()])

## =========== Part 3: Training NN (plain gradient descent) =============
lambda_ = 0
alpha = 2.0
num_iters = 3000
J_history = []

for it in range(num_iters):
    J, grad = nnCostFunction(nn_params, input_layer_size, hidden_layer_size,
                             num_labels, X, y, lambda_)
    nn_params = nn_params - alpha * grad
    J_history.append(J)
    if it % 300 == 0:
        print('Iteration %4d | Cost: %.6f' % (it, J))

Theta1 = np.reshape(nn_params[:hidden_layer_size * (input_layer_size + 1)],
                    (hidden_layer_size, input_layer_size + 1))
Theta2 = np.reshape(nn_params[hidden_layer_size * (input_layer_size + 1):],
                    (num_labels, hidden_layer_size + 1))

## ================= Part 4: Implement Predict =================
pred = predict(Theta1, Theta2, X)
print('Final cost: %f' % J_history[-1])
print('Training Set Accuracy: %f' % (np.mean(pred == y) * 100))
