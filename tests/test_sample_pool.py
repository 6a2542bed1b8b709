"""The table a one-sample pass's row comes from: found among whatever the scope holds
(arrays, lists of rows, `(x, t)` pairs), and anything else (a cache of arrays of several
shapes, strings, objects) is passed over, never an error (a held-out file's cache tuple
once crashed the check)."""

from __future__ import annotations

import numpy as np

from netdoctor.discover.sample_pool import rows_holding, targets_holding

PAIRS = [([0, 0, 1], 0), ([0, 1, 1], 1), ([1, 0, 1], 1), ([1, 1, 1], 0)]
HOSTILE = [
    ("cache", (np.zeros((3, 1)), np.zeros((1, 3)), (np.zeros(2), np.zeros((2, 2))))),
    ("pairs of arrays", [(np.ones((4, 2)), np.ones(4)), (np.ones((1, 4)), 2.0)]),
    # the course's L-layer caches: ((A_prev, W, b), Z) for each layer
    ("caches", [((np.ones((2, 3)), np.ones((4, 2)), np.ones((4, 1))), np.ones((4, 3)))]),
    ("name", "layer"),
    ("config", {"lr": 0.1}),
    ("ragged", [[1.0, 2.0], [3.0]]),
    ("nothing", None),
]


def test_the_table_of_pairs_a_row_comes_from() -> None:
    row = np.array([[0.0, 1.0, 1.0]])
    table = rows_holding(row, [*HOSTILE, ("data", PAIRS)])
    assert table is not None and table.shape == (4, 3)
    targets = targets_holding(np.array([[1.0]]), 4, [*HOSTILE, ("data", PAIRS)])
    assert targets is not None and list(targets) == [0.0, 1.0, 1.0, 0.0]


def test_an_array_holding_the_row_and_the_larger_one_wins() -> None:
    X = np.arange(12.0).reshape(6, 2)
    row = X[3:4]
    assert rows_holding(row, [("few", X[2:5]), ("all", X)]).shape == (6, 2)


def test_a_scope_of_other_things_gives_nothing_and_raises_nothing() -> None:
    row = np.array([[0.5, 0.25]])
    assert rows_holding(row, HOSTILE) is None
    assert targets_holding(np.array([[0.5]]), 4, HOSTILE) is None


def test_one_input_comes_from_a_vector_or_a_line_of_a_table() -> None:
    """`x, t = TABLE[0, k], TABLE[1, k]`: samples kept as columns, one input each; the
    inputs are the table's first row, the targets its second."""
    xs = np.linspace(-2.0, 2.0, 9)
    table = np.vstack([xs, xs**2 - 1.0])
    x, t = table[0, 3], table[1, 3]
    pool = rows_holding(np.array([[x]]), [("TABLE", table), *HOSTILE])
    assert pool is not None and pool.shape == (9, 1)
    np.testing.assert_array_equal(pool[:, 0], xs)
    targets = targets_holding(np.array([[t]]), 9, [("TABLE", table), *HOSTILE])
    assert targets is not None
    np.testing.assert_array_equal(targets, xs**2 - 1.0)
    assert rows_holding(np.array([[x]]), [("grid", xs)]).shape == (9, 1)
