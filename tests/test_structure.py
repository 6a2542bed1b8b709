"""Layers and layout from names and shapes, and the round trip to canonical form."""

from __future__ import annotations

import numpy as np
import pytest

from netdoctor.structure import StructureError, infer_structure


def test_exercise_row_layout() -> None:
    named = [
        ("W1", np.zeros((2, 4))),
        ("b1", np.zeros((1, 4))),
        ("W2", np.zeros((4, 1))),
        ("b2", np.zeros((1, 1))),
    ]
    structure = infer_structure(named, input_dim=2)
    assert structure.layout == "row"
    assert structure.layer_sizes == (2, 4, 1)
    assert [(s.name, s.kind, s.layer) for s in structure.slots] == [
        ("W1", "weight", 0),
        ("b1", "bias", 0),
        ("W2", "weight", 1),
        ("b2", "bias", 1),
    ]


def test_column_layout_from_last_weight() -> None:
    named = [("W2", np.zeros((1, 3))), ("W1", np.zeros((3, 2))), ("b1", np.zeros((3, 1)))]
    structure = infer_structure(named)
    assert structure.layout == "column"
    assert structure.layer_sizes == (2, 3, 1)
    assert structure.has_bias(0) and not structure.has_bias(1)


def test_vector_last_layer_and_scalar_biases_round_trip() -> None:
    named = [
        ("w_hidden", np.arange(6.0).reshape(2, 3)),
        ("b_hidden", 0.5),
        ("w_out", np.array([1.0, 2.0, 3.0])),
        ("b_out", -1.0),
    ]
    structure = infer_structure(named, input_dim=2)
    assert structure.layer_sizes == (2, 3, 1)
    weights, biases = structure.canonical(dict(named))
    assert weights[1].shape == (3, 1)
    assert np.array_equal(biases[0], [0.5, 0.5, 0.5])
    # A shared scalar bias gets the sum of its units' gradients.
    back = structure.from_canonical(weights, [np.array([1.0, 2.0, 3.0]), np.array([4.0])])
    assert back["b_hidden"].shape == () and float(back["b_hidden"]) == 6.0
    assert back["w_out"].shape == (3,)


def test_column_round_trip_transposes() -> None:
    W1 = np.arange(6.0).reshape(3, 2)
    named = [
        ("W1", W1),
        ("b1", np.zeros((3, 1))),
        ("W2", np.ones((1, 3))),
        ("b2", np.zeros((1, 1))),
    ]
    structure = infer_structure(named, input_dim=2)
    weights, biases = structure.canonical(dict(named))
    assert np.array_equal(weights[0], W1.T)
    back = structure.from_canonical(weights, biases)
    assert np.array_equal(back["W1"], W1)
    assert back["b1"].shape == (3, 1)


def test_deep_lists_in_order() -> None:
    named = [(f"weights[{i}]", np.zeros(s)) for i, s in enumerate([(3, 5), (5, 5), (5, 1)])]
    named += [(f"biases[{i}]", np.zeros(n)) for i, n in enumerate([5, 5, 1])]
    structure = infer_structure(named, input_dim=3)
    assert structure.layer_sizes == (3, 5, 5, 1)
    assert structure.bias_slot(1).name == "biases[1]"


def test_arrays_that_do_not_chain_are_explained() -> None:
    with pytest.raises(StructureError, match=r"W1 \(2, 4\), W2 \(3, 1\)"):
        infer_structure([("W1", np.zeros((2, 4))), ("W2", np.zeros((3, 1)))], input_dim=2)


def test_output_weights_kept_as_a_row_vector_in_a_row_network() -> None:
    """`scores = hidden @ v.T` with v of shape (1, h): the one output's weights, read as a
    vector, and handed back in the user's shape."""
    named = [("U", np.zeros((2, 5))), ("c", np.zeros((1, 5))), ("v", np.ones((1, 5)))]
    structure = infer_structure(named, input_dim=2)
    assert structure.layout == "row"
    assert structure.layer_sizes == (2, 5, 1)
    values = {"U": np.zeros((2, 5)), "c": np.zeros((1, 5)), "v": np.arange(5.0).reshape(1, 5)}
    weights, _ = structure.canonical(values)
    assert weights[1].shape == (5, 1)
    back = structure.from_canonical(weights, [np.zeros(5), None])
    assert back["v"].shape == (1, 5) and back["v"].tolist() == [[0.0, 1.0, 2.0, 3.0, 4.0]]


def test_a_row_named_like_a_bias_is_never_the_output_layer() -> None:
    """A step that updates W1 only: b1 (1, 3) is W1's bias, not a vector of output weights
    closing a 2-3-1 chain (which would leave W2 out of the network)."""
    named = [("W1", np.zeros((2, 3))), ("b1", np.zeros((1, 3)))]
    with pytest.raises(StructureError):
        infer_structure(named, input_dim=2)
