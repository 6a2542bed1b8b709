import numpy as np
import matplotlib.pyplot as plt

# ---------------------------------------------------------------
# data: two interleaved half circles, made by hand
# ---------------------------------------------------------------
rng = np.random.RandomState(7)
t = rng.uniform(0, np.pi, 300)
upper = rng.rand(300) < 0.5
X = np.where(upper[:, None], np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.5 - np.sin(t)])
X += 0.2 * rng.randn(300, 2)
y = (~upper).astype(int).reshape(-1, 1)   # column vector, shape (N, 1)
X_train, X_test = X[:225], X[225:]
y_train, y_test = y[:225], y[225:]

print("train:", X_train.shape, y_train.shape)
print("test: ", X_test.shape, y_test.shape)


class TwoLayerNet(object):
    """
    A two-layer fully-connected network for binary classification.

    input - fully connected - ReLU - fully connected - sigmoid

    Loss is binary cross-entropy averaged over the minibatch.
    """

    def __init__(self, input_dim, hidden_dim, std=1e-1):
        """
        W1: (D, H)   b1: (H,)
        W2: (H, 1)   b2: (1,)
        """
        self.params = {}
        self.params['W1'] = std * np.random.randn(input_dim, hidden_dim)
        self.params['b1'] = np.zeros(hidden_dim)
        self.params['W2'] = std * np.random.randn(hidden_dim, 1)
        self.params['b2'] = np.zeros(1)

    def loss(self, X, y=None):
        """
        If y is None, return the scores (N, 1) (before the sigmoid).
        Otherwise return (loss, grads), grads has the same keys as self.params.
        """
        W1, b1 = self.params['W1'], self.params['b1']
        W2, b2 = self.params['W2'], self.params['b2']
        N, D = X.shape

        # forward pass
        hidden = X.dot(W1) + b1
        hidden_relu = np.maximum(0, hidden)
        scores = hidden_relu.dot(W2) + b2

        if y is None:
            return scores

        probs = 1.0 / (1.0 + np.exp(-scores))
        loss = -np.sum(y * np.log(probs) + (1 - y) * np.log(1 - probs)) / N

        # backward pass
        grads = {}
        dscores = (probs - y) / N
        grads['W2'] = hidden_relu.T.dot(dscores)
        grads['b2'] = np.sum(dscores, axis=0)

        dhidden = dscores.dot(W2.T)
        dhidden[hidden <= 0] = 0
        grads['W1'] = X.T.dot(dhidden)
        grads['b1'] = np.sum(dhidden, axis=0)

        return loss, grads

    def train(self, X, y, learning_rate=1e-1, num_iters=1000, verbose=False):
        loss_history = []
        train_acc_history = []

        for it in range(num_iters):
            loss, grads = self.loss(X, y)
            loss_history.append(loss)

            # vanilla gradient descent
            for name in self.params:
                self.params[name] -= learning_rate * grads[name]

            if it % 100 == 0:
                train_acc = (self.predict(X) == y).mean()
                train_acc_history.append(train_acc)
                if verbose:
                    print('iteration %d / %d: loss %f, train acc %.3f' % (it, num_iters, loss, train_acc))

        return {
            'loss_history': loss_history,
            'train_acc_history': train_acc_history,
        }

    def predict(self, X):
        scores = self.loss(X)
        y_pred = (scores > 0).astype(int)
        return y_pred


np.random.seed(0)
net = TwoLayerNet(2, 10)
stats = net.train(X_train, y_train, learning_rate=0.5, num_iters=2000, verbose=True)

print('Final training loss: ', stats['loss_history'][-1])
print('Train accuracy: ', (net.predict(X_train) == y_train).mean())
print('Test accuracy: ', (net.predict(X_test) == y_test).mean())

plt.subplot(2, 1, 1)
plt.plot(stats['loss_history'])
plt.title('Loss history')
plt.xlabel('Iteration')
plt.ylabel('Loss')

plt.subplot(2, 1, 2)
plt.plot(stats['train_acc_history'], label='train')
plt.title('Classification accuracy history')
plt.xlabel('Iteration (x100)')
plt.ylabel('Accuracy')
plt.tight_layout()
plt.show()
