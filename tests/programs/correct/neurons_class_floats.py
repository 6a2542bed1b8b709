# A network written neuron by neuron, every weight its own float (the step-by-step
# tutorial style): 2 inputs -> 2 hidden sigmoid neurons -> 1 sigmoid output, squared error.
import numpy as np


def sigmoid(v):
    return 1 / (1 + np.exp(-v))


def sigmoid_slope(v):
    s = sigmoid(v)
    return s * (1 - s)


def squared_error(truth, guess):
    return ((truth - guess) ** 2).mean()


class NeuronByNeuron:
    def __init__(self):
        self.w1 = np.random.normal()
        self.w2 = np.random.normal()
        self.w3 = np.random.normal()
        self.w4 = np.random.normal()
        self.w5 = np.random.normal()
        self.w6 = np.random.normal()
        self.b1 = np.random.normal()
        self.b2 = np.random.normal()
        self.b3 = np.random.normal()

    def predict(self, sample):
        left = sigmoid(self.w1 * sample[0] + self.w2 * sample[1] + self.b1)
        right = sigmoid(self.w3 * sample[0] + self.w4 * sample[1] + self.b2)
        return sigmoid(self.w5 * left + self.w6 * right + self.b3)

    def train(self, samples, answers, epochs=500, step=0.1):
        for epoch in range(epochs):
            for sample, answer in zip(samples, answers):
                net_left = self.w1 * sample[0] + self.w2 * sample[1] + self.b1
                left = sigmoid(net_left)
                net_right = self.w3 * sample[0] + self.w4 * sample[1] + self.b2
                right = sigmoid(net_right)
                net_out = self.w5 * left + self.w6 * right + self.b3
                out = sigmoid(net_out)

                dloss_dout = -2 * (answer - out)
                dout_dnet = sigmoid_slope(net_out)
                dleft = self.w5 * dout_dnet
                dright = self.w6 * dout_dnet

                self.w5 -= step * dloss_dout * left * dout_dnet
                self.w6 -= step * dloss_dout * right * dout_dnet
                self.b3 -= step * dloss_dout * dout_dnet
                self.w1 -= step * dloss_dout * dleft * sample[0] * sigmoid_slope(net_left)
                self.w2 -= step * dloss_dout * dleft * sample[1] * sigmoid_slope(net_left)
                self.b1 -= step * dloss_dout * dleft * sigmoid_slope(net_left)
                self.w3 -= step * dloss_dout * dright * sample[0] * sigmoid_slope(net_right)
                self.w4 -= step * dloss_dout * dright * sample[1] * sigmoid_slope(net_right)
                self.b2 -= step * dloss_dout * dright * sigmoid_slope(net_right)
            if epoch % 50 == 0:
                guesses = np.array([self.predict(s) for s in samples])
                print("epoch", epoch, "loss", round(squared_error(answers, guesses), 4))


# weight (minus 135 lb), height (minus 66 in) -> 1 for one group, 0 for the other
samples = np.array([[-2.0, -1.0], [25.0, 6.0], [17.0, 4.0], [-15.0, -6.0], [-9.0, -2.0]])
answers = np.array([1, 0, 0, 1, 1])

if __name__ == "__main__":
    np.random.seed(3)
    net = NeuronByNeuron()
    net.train(samples, answers)
    print("new sample:", net.predict(np.array([-7, -3])))
