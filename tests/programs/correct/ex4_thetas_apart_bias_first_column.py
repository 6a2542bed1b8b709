# Coursera-ex4 style, ported by hand: the bias weights live in column 0 of each Theta,
# the inputs get a column of ones inside the cost function, and the two matrices are
# handed to it separately (not unrolled into one nn_params vector)
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_gradient(z):
    return sigmoid(z) * (1 - sigmoid(z))


def rand_initialize_weights(l_in, l_out):
    eps = np.sqrt(6) / np.sqrt(l_in + l_out)
    return np.random.rand(l_out, 1 + l_in) * 2 * eps - eps


def cost_function(Theta1, Theta2, X, y):
    m = len(y)
    a1 = np.c_[np.ones(m), X]
    z2 = a1.dot(Theta1.T)
    a2 = np.c_[np.ones(m), sigmoid(z2)]
    h = sigmoid(a2.dot(Theta2.T))
    J = -np.sum(y * np.log(h) + (1 - y) * np.log(1 - h)) / m
    delta3 = h - y
    delta2 = delta3.dot(Theta2[:, 1:]) * sigmoid_gradient(z2)
    Theta1_grad = delta2.T.dot(a1) / m
    Theta2_grad = delta3.T.dot(a2) / m
    return J, Theta1_grad, Theta2_grad


def main():
    np.random.seed(4)
    angles = np.random.rand(120) * 2 * np.pi
    radius = np.r_[np.full(60, 0.5), np.full(60, 1.5)] + 0.1 * np.random.randn(120)
    X = np.c_[radius * np.cos(angles), radius * np.sin(angles)]
    y = np.r_[np.zeros(60), np.ones(60)].reshape(-1, 1)
    Theta1 = rand_initialize_weights(2, 6)
    Theta2 = rand_initialize_weights(6, 1)
    for i in range(4000):
        J, grad1, grad2 = cost_function(Theta1, Theta2, X, y)
        Theta1 -= 2.0 * grad1
        Theta2 -= 2.0 * grad2
        if i % 1000 == 0:
            print("iteration", i, "cost", round(J, 4))
    a2 = sigmoid(np.c_[np.ones(len(X)), X].dot(Theta1.T))
    pred = sigmoid(np.c_[np.ones(len(X)), a2].dot(Theta2.T)) > 0.5
    print("accuracy", np.mean(pred == y))


if __name__ == "__main__":
    main()
