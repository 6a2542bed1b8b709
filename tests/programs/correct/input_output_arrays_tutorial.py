# the targets are called `output`, as in many first tutorials ("the output we want")
import numpy as np

input = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1], [0, 0, 0], [1, 1, 0]])
output = np.array([[0], [1], [1], [0], [0], [0]])

np.random.seed(1)
weights_in = 2 * np.random.random((3, 5)) - 1
weights_out = 2 * np.random.random((5, 1)) - 1
bias_in = np.zeros((1, 5))
bias_out = np.zeros((1, 1))


def squash(x):
    return 1 / (1 + np.exp(-x))


for step in range(6000):
    middle = squash(input @ weights_in + bias_in)
    guess = squash(middle @ weights_out + bias_out)
    guess_delta = guess - output
    middle_delta = guess_delta @ weights_out.T * middle * (1 - middle)
    weights_out -= 0.5 * middle.T @ guess_delta
    bias_out -= 0.5 * guess_delta.sum(axis=0, keepdims=True)
    weights_in -= 0.5 * input.T @ middle_delta
    bias_in -= 0.5 * middle_delta.sum(axis=0, keepdims=True)
    if step % 2000 == 0:
        print("step", step, "error", np.mean(np.abs(guess_delta)))

print(guess.round(2).ravel())
