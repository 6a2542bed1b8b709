"""Which changed arrays are parameters (`discover/changed.py`): the data batch a pass
binds to a slice is never one, even where the weights themselves are objects no slot sees
(a scalar autograd's `Value`s)."""

from __future__ import annotations

import numpy as np

from netdoctor.discover.changed import changed_parameters
from netdoctor.discover.state import Slot


def _rebound(scope: dict, name: str, before: np.ndarray) -> Slot:
    """A name whose array the pass replaced: `xb = data[rows]` at every pass."""
    return Slot(name, "name", scope, name, before, before.copy())


def test_a_batch_the_pass_slices_is_no_parameter_without_updates_in_sight() -> None:
    rng = np.random.default_rng(0)
    scope: dict = {}
    old_x, old_y = rng.normal(size=(10, 2)), rng.normal(size=10)
    slots = [_rebound(scope, "xb", old_x), _rebound(scope, "yb", old_y)]
    scope.update(xb=rng.normal(size=(10, 2)), yb=rng.normal(size=10))  # the next pass's rows
    found = changed_parameters(slots, updated={"attr:data"})
    assert {p.label for p in found} == {"xb", "yb"}  # what the loose reading took, before
    found = changed_parameters(slots, updated={"attr:data"}, batches=frozenset({"xb", "yb"}))
    assert found == []
