# the book's class: wih / who matrices, one record at a time, train() returns the record's
# squared error, which the loop adds up
import numpy


class Net:
    def __init__(self, n_in, n_hidden, rate):
        numpy.random.seed(21)
        self.wih = numpy.random.normal(0.0, n_in ** -0.5, (n_hidden, n_in))
        self.who = numpy.random.normal(0.0, n_hidden ** -0.5, (1, n_hidden))
        self.bh = numpy.zeros((n_hidden, 1))
        self.bo = numpy.zeros((1, 1))
        self.rate = rate
        self.squash = lambda x: 1.0 / (1.0 + numpy.exp(-x))

    def train(self, inputs_list, targets_list):
        inputs = numpy.array(inputs_list, ndmin=2).T
        targets = numpy.array(targets_list, ndmin=2).T
        hidden = self.squash(self.wih @ inputs + self.bh)
        final = self.squash(self.who @ hidden + self.bo)
        errors = targets - final
        out_term = errors  # BUG(ND113): the squared error's slope final * (1 - final) is missing
        hidden_term = (self.who.T @ out_term) * hidden * (1.0 - hidden)
        self.who += self.rate * out_term @ hidden.T
        self.bo += self.rate * out_term
        self.wih += self.rate * hidden_term @ inputs.T
        self.bh += self.rate * hidden_term
        return 0.5 * numpy.sum(errors ** 2)


records = ["0.1,0.9,0.8,0.99", "0.9,0.1,0.2,0.01", "0.8,0.2,0.1,0.01", "0.2,0.8,0.9,0.99",
           "0.15,0.7,0.95,0.99", "0.85,0.3,0.05,0.01"]
n = Net(3, 4, 0.3)
for epoch in range(200):
    total = 0.0
    for record in records:
        values = [float(v) for v in record.split(",")]
        total += n.train(values[:3], values[3:])
    if epoch % 50 == 0:
        print(epoch, total)
