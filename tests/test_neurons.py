"""Scalar weights are placed in layers by the file's own neuron expressions, never by name."""

from __future__ import annotations

import ast

import numpy as np

from netdoctor.discover.neurons import neuron_layout

TWO_TWO_ONE = """
def forward(self, x):
    z1 = self.w1 * x[0] + self.w2 * x[1] + self.b1
    h1 = sigmoid(z1)
    h2 = sigmoid(x[0] * self.w3 + x[1] * self.w4 + self.b2)
    return 1 / (1 + np.exp(-(self.w5 * h1 + self.w6 * h2 + self.b3)))
"""

LABELS = [f"self.w{i}" for i in range(1, 7)] + [f"self.b{i}" for i in range(1, 4)]


def test_neurons_place_each_scalar_in_its_layer() -> None:
    layout = neuron_layout(LABELS, ast.parse(TWO_TWO_ONE))
    assert layout is not None
    assert layout.structure.layer_sizes == (2, 2, 1)
    # w3 multiplies input 0 into the second hidden unit; w6 carries h2 to the output
    assert layout.entries["self.w3"][1] == (0, 1)
    assert layout.entries["self.w6"][1] == (1, 0)
    values = {label: float(i) for i, label in enumerate(LABELS, start=1)}
    arrays = layout.pack(values)
    assert layout.unpack(arrays) == values
    hidden = layout.entries["self.w1"][0]
    np.testing.assert_array_equal(arrays[hidden], [[1.0, 3.0], [2.0, 4.0]])


def test_a_scalar_no_neuron_uses_leaves_the_layout_undecided() -> None:
    source = TWO_TWO_ONE.replace(" + self.b3", "")
    assert neuron_layout(LABELS, ast.parse(source)) is None


def test_a_loss_total_is_left_out_when_optional() -> None:
    source = TWO_TWO_ONE + "\ntotal = total + 0.5 * err * err\n"
    layout = neuron_layout(LABELS, ast.parse(source), optional=["total"])
    assert layout is not None and "total" not in layout.labels


def test_a_backward_expression_reusing_a_weight_is_not_a_neuron() -> None:
    source = TWO_TWO_ONE + "    d_h1 = self.w5 * d_out\n    d_h2 = d_out * self.w6\n"
    layout = neuron_layout(LABELS, ast.parse(source))
    assert layout is not None and layout.output != "d_h1"
    assert layout.structure.layer_sizes == (2, 2, 1)
