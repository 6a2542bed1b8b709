import numpy as np

def relu(x):
    return np.maximum(0, x)

def d_relu(x):
    return (x > 0).astype(float)

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

def d_sigmoid(x):
    return sigmoid(x) * (1 - sigmoid(x))

class NeuralNetwork:
    def __init__(self, input_size, hidden_size, output_size, learning_rate=0.1):
        self.w1 = np.random.randn(input_size, hidden_size)
        self.w2 = np.random.randn(hidden_size, output_size)
        self.lr = learning_rate

    def forward_pass(self, X):
        self.z1 = X @ self.w1
        self.a1 = relu(self.z1)
        self.z2 = self.a1 @ self.w2
        self.out = sigmoid(self.z2)
        return self.out

    def backward_pass(self, X, y):
        d_loss = -(y / self.out) + (1 - y) / (1 - self.out)
        d_z2 = d_loss * d_sigmoid(self.out)  # BUG(ND101): sigmoid derivative of the activated output
        d_w2 = self.a1.T @ d_z2
        d_a1 = d_z2 @ self.w2.T
        d_z1 = d_a1 * d_relu(self.z1)
        d_w1 = X.T @ d_z1
        self.w2 -= self.lr * d_w2
        self.w1 -= self.lr * d_w1

    def train(self, X, y, epochs):
        for epoch in range(epochs):
            out = self.forward_pass(X)
            loss = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))
            self.backward_pass(X, y)
            if epoch % 100 == 0:
                print(epoch, loss)

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])
