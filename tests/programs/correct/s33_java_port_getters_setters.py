# port of my Java homework (Network.java): private fields, getters and setters, camelCase
import numpy as np


class Network:
    def __init__(self, nInputs, nHidden, seed):
        rnd = np.random.RandomState(seed)
        self.hiddenWeights = rnd.uniform(-0.7, 0.7, (nInputs, nHidden))
        self.hiddenBias = np.zeros((1, nHidden))
        self.outputWeights = rnd.uniform(-0.7, 0.7, (nHidden, 1))
        self.outputBias = np.zeros((1, 1))

    def getHiddenWeights(self):
        return self.hiddenWeights

    def setHiddenWeights(self, w):
        self.hiddenWeights = w

    def getOutputWeights(self):
        return self.outputWeights

    def setOutputWeights(self, w):
        self.outputWeights = w

    def getHiddenBias(self):
        return self.hiddenBias

    def setHiddenBias(self, b):
        self.hiddenBias = b

    def getOutputBias(self):
        return self.outputBias

    def setOutputBias(self, b):
        self.outputBias = b

    def feedForward(self, inputs):
        self.inputs = inputs
        self.hiddenOut = np.tanh(inputs @ self.getHiddenWeights() + self.getHiddenBias())
        z = self.hiddenOut @ self.getOutputWeights() + self.getOutputBias()
        self.out = 1.0 / (1.0 + np.exp(-z))
        return self.out

    def backPropagate(self, expected, learningRate):
        n = expected.shape[0]
        outDelta = (self.out - expected) / n
        hiddenDelta = (outDelta @ self.getOutputWeights().T) * (1.0 - self.hiddenOut ** 2)
        gradOutputWeights = self.hiddenOut.T @ outDelta
        gradHiddenWeights = self.inputs.T @ hiddenDelta
        self.setOutputWeights(self.getOutputWeights() - learningRate * gradOutputWeights)
        self.outputBias -= learningRate * outDelta.sum(axis=0, keepdims=True)
        self.setHiddenWeights(self.getHiddenWeights() - learningRate * gradHiddenWeights)
        self.hiddenBias = self.hiddenBias - learningRate * hiddenDelta.sum(axis=0, keepdims=True)


def main():
    rnd = np.random.RandomState(4)
    inputs = rnd.uniform(-1, 1, (160, 2))
    expected = (np.abs(inputs[:, :1]) + np.abs(inputs[:, 1:]) < 0.9).astype(float)
    network = Network(2, 6, 11)
    for epoch in range(1500):
        out = network.feedForward(inputs)
        network.backPropagate(expected, 1.5)
        if epoch % 300 == 0:
            loss = -np.mean(expected * np.log(out) + (1 - expected) * np.log(1 - out))
            System_out = print
            System_out("epoch " + str(epoch) + " loss " + str(round(float(loss), 4)))


if __name__ == "__main__":
    main()
