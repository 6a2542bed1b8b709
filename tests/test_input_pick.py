"""Which array the pass feeds the network: the data beside the first layer's column of
ones when the weights carry their bias as a row, one number for a one-input network."""

from __future__ import annotations

import numpy as np

from netdoctor.discover.input_pick import pick_inputs, with_ones

FEATURES = np.arange(12.0).reshape(6, 2) / 10


def test_the_rows_with_their_ones_are_the_input_without_them() -> None:
    design = np.hstack([np.ones((6, 1)), FEATURES])
    # the unsplit features come first in the scope: only the fed rows carry the ones
    candidates = [("feats", FEATURES * 3), ("Xtr", design), ("ytr", np.ones((6, 1)))]
    name, X = with_ones(candidates, 2, first=True)
    assert name == "Xtr"
    np.testing.assert_array_equal(X, FEATURES)
    name, X = with_ones([("A", np.hstack([FEATURES, np.ones((6, 1))]).T)], 2, first=False)
    assert name == "A"
    np.testing.assert_array_equal(X, FEATURES)


def test_no_ones_no_folded_bias_no_pick() -> None:
    assert with_ones([("X", np.hstack([FEATURES, FEATURES]))], 3, first=True) == ("", None)
    assert with_ones([("X", FEATURES)], 2, first=None) == ("", None)


def test_one_input_is_the_number_the_pass_takes() -> None:
    candidates = [("x", np.float64(0.25)), ("t", 0.5), ("rate", 0.1)]
    name, X = pick_inputs(candidates, 1, frozenset({"x", "t"}))
    assert name == "x" and X is not None and X.shape == (1, 1) and X[0, 0] == 0.25
    # a number the pass does not take from the data (the rate) is no input
    assert pick_inputs([("rate", 0.1)], 1, frozenset({"x"})) == ("", None)


def test_a_list_of_rows_indexed_by_a_list_of_indices_is_that_batch() -> None:
    """`for k in chunk: x = points[k]` of code without NumPy: `points[chunk]` is those rows."""
    import ast

    from netdoctor.discover.handed import evaluated
    from netdoctor.discover.step_names import gathered_by_inner_loops

    body = ast.parse("for k in chunk:\n    x, t = points[k], labels[k]\n").body
    handed, _ = gathered_by_inner_loops(body, "<test>", set())
    scope = {"points": [[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]], "labels": [0, 1, 1], "chunk": [2, 0]}
    values = dict(evaluated(handed, scope))
    np.testing.assert_array_equal(values["points[chunk]"], [[4.0, 5.0], [0.0, 1.0]])
    np.testing.assert_array_equal(values["labels[chunk]"], [1.0, 0.0])


def test_a_sample_holding_the_target_is_no_input() -> None:
    """`yp - samples[idx][1]`: the pair `samples[idx]` is as wide as `x_in = [1.0, x]`, but
    it holds the target, so the inputs are `x_in`."""
    candidates = [("samples[idx]", (0.3, 0.29)), ("x_in", [1.0, 0.3])]
    compared = frozenset({"samples[idx][1]"})
    name, X = pick_inputs(candidates, 2, compared=compared)
    assert name == "x_in" and X is not None and X.tolist() == [[1.0, 0.3]]
    assert pick_inputs(candidates, 2)[0] == "samples[idx]"  # nothing compared: the first


def test_a_batch_of_column_vectors_is_read_as_rows() -> None:
    """(batch, n, 1) for `W @ x` broadcast over the batch: the network's input is n wide."""
    batch = np.arange(12.0).reshape(4, 3, 1)
    name, X = pick_inputs([("xb", batch)], 3)
    assert name == "xb" and X is not None and X.shape == (4, 3)
    np.testing.assert_array_equal(X, batch[:, :, 0])
