# Samples as columns; each layer's input gets a row of ones on top for its bias.
import numpy as np

np.random.seed(9)


def with_ones(A):
    return np.concatenate([np.ones((1, A.shape[1])), A], axis=0)


def logistic(A):
    return 1.0 / (1.0 + np.exp(-A))


def run_net(Theta1, Theta2, inputs):
    A0 = with_ones(inputs)
    H = logistic(Theta1 @ A0)
    A1 = with_ones(H)
    return A0, H, A1, logistic(Theta2 @ A1)


def grads(Theta1, Theta2, inputs, T):
    m = inputs.shape[1]
    A0, H, A1, O = run_net(Theta1, Theta2, inputs)
    D2 = O - T
    D1 = (Theta2[:, 1:].T @ D2) * H  # BUG(ND109): the activation H where its slope H * (1 - H) belongs
    return (D1 @ A0.T) / m, (D2 @ A1.T) / m, O


if __name__ == "__main__":
    P = np.array([[0.0, 1.0, 0.0, 1.0],
                  [0.0, 0.0, 1.0, 1.0]])       # the corner (1, 1) is the last column
    T = np.array([[0.0, 1.0, 1.0, 0.0]])
    Theta1 = np.random.uniform(-1, 1, (3, 3))   # 3 hidden units, 2 inputs + bias
    Theta2 = np.random.uniform(-1, 1, (1, 4))   # 1 output, 3 hidden + bias
    for it in range(6000):
        G1, G2, O = grads(Theta1, Theta2, P, T)
        Theta1 = Theta1 - 1.5 * G1
        Theta2 = Theta2 - 1.5 * G2
        if it % 2000 == 0:
            J = -np.mean(T * np.log(O) + (1 - T) * np.log(1 - O))
            print(f"iteration {it}: J = {J:.4f}")
    print(np.round(O, 3))
