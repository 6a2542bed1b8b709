"""A step's data that no array holds: a batch handed on as a list of `(x, t)` pairs
(Nielsen's mini-batches, or a whole list a pass walks sample by sample), stacked."""

from __future__ import annotations

from typing import Any

import numpy as np

from netdoctor.data import as_pairs


def batch_of_pairs(
    candidates: list[tuple[str, Any]], batches: set[str], input_dim: int | None
) -> tuple[np.ndarray, np.ndarray, str, str] | None:
    """A mini-batch the step hands on as a list of `(x, t)` pairs (Nielsen's
    `for mini_batch in mini_batches: self.update_mini_batch(mini_batch, eta)`): the step's
    data is that batch, stacked: (X, Y, how it was read, the list's name)."""
    for name, value in candidates:
        if name not in batches:
            continue
        stacked = as_pairs(value)
        if stacked is None or (input_dim is not None and stacked[0].shape[1] != input_dim):
            continue
        X, Y = stacked
        if Y.shape[1] != 1:
            continue
        source = (
            f"your list `{name}` of {X.shape[0]} (x, t) pairs, one mini-batch per step, "
            f"stacked into X {X.shape} and Y {Y.shape}"
        )
        return X, Y, source, name
    return None
