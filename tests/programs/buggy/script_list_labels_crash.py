# grades table typed as text, labels collected in a list, a top-level loop that crashes
import numpy as np

TABLE = """hours,score,passed
1.0,40,0
2.0,45,0
2.5,52,0
3.0,60,1
3.5,58,0
4.0,70,1
4.5,72,1
5.0,80,1"""

inputs, passed = [], []
for row in TABLE.splitlines()[1:]:
    hours, score, ok = row.split(",")
    inputs.append([float(hours) / 5, float(score) / 100])
    passed.append(float(ok))
inputs = np.array(inputs)
passed = np.array(passed)  # BUG(ND206): shape (8,), the outputs are (8, 1)

np.random.seed(0)
W_a = np.random.randn(2, 4)
b_a = np.zeros((1, 4))
W_b = np.random.randn(4, 1)
b_b = np.zeros((1, 1))

for it in range(3000):
    a = np.tanh(inputs @ W_a + b_a)
    prob = 1 / (1 + np.exp(-(a @ W_b + b_b)))
    delta = (prob - passed) / len(inputs)
    back = (delta @ W_b.T) * (1 - a**2)
    W_b -= 0.5 * a.T @ delta
    b_b -= 0.5 * delta.sum(axis=0, keepdims=True)
    W_a -= 0.5 * inputs.T @ back
    b_a -= 0.5 * back.sum(axis=0, keepdims=True)
    if it % 1000 == 0:
        print(it, np.mean((prob > 0.5) == passed))
