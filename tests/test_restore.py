"""Every re-run of the user's training pass starts from the observed pass's state: what
the pass changed in place or rebound is put back, and what it only read stays as it is
(without a copy per pass: 400 `(x, y)` pairs made most of a Nielsen-style check's time)."""

from __future__ import annotations

import numpy as np

from netdoctor.discover.state import Slot, restore


def _slot(label: str, kind: str, owner, key, value: np.ndarray) -> Slot:
    return Slot(label, kind, owner, key, value, value.copy())


def test_an_array_changed_in_place_is_put_back() -> None:
    scope = {"X": np.arange(6.0).reshape(3, 2)}
    slots = [_slot("X", "name", scope, "X", scope["X"])]
    restore(slots)
    scope["X"] *= -1.0  # `np.random.shuffle(X)`, `X -= X.mean(0)` inside the loop
    restore(slots)
    assert np.array_equal(scope["X"], np.arange(6.0).reshape(3, 2))


def test_an_array_rebound_is_put_back() -> None:
    scope = {"W": np.ones((2, 2))}
    slots = [_slot("W", "name", scope, "W", scope["W"])]
    restore(slots)
    scope["W"] = np.zeros((2, 2))
    restore(slots)
    assert np.array_equal(scope["W"], np.ones((2, 2)))


def test_an_array_only_read_stays_the_same_object() -> None:
    pairs = [(np.array([0.0, 1.0]), np.array([1.0])) for _ in range(3)]
    slots = [_slot(f"data[{i}][0]", "item", pairs[i], 0, pairs[i][0]) for i in range(3)]
    holder = {"data": pairs}
    for i, slot in enumerate(slots):  # a tuple inside a list: rebuilt through the name
        slot.parent, slot.route = (holder, "data"), (i,)
        slot.owner = pairs[i]
    restore(slots)
    first = [holder["data"][i][0] for i in range(3)]
    restore(slots)
    assert all(holder["data"][i][0] is first[i] for i in range(3))
    holder["data"][1][0][0] = 5.0  # one changed in place: that one alone comes back new
    restore(slots)
    assert holder["data"][1][0] is not first[1] and holder["data"][1][0][0] == 0.0
    assert holder["data"][0][0] is first[0] and holder["data"][2][0] is first[2]


def test_two_places_of_one_array_stay_one_array() -> None:
    layer = type("Layer", (), {})()
    grads = [np.zeros(3)]
    layer.dW = grads[0]
    original = grads[0]
    slots = [
        Slot("layer.dW", "attr", layer, "dW", original, original.copy()),
        Slot("grads[0]", "item", grads, 0, original, original.copy()),
    ]
    restore(slots)
    assert layer.dW is grads[0]
    layer.dW += 1.0  # the backward pass fills one, the update reads the other
    restore(slots)
    assert layer.dW is grads[0] and not layer.dW.any()
    grads[0] = np.ones(3)  # one place rebound: both get the same fresh copy
    restore(slots)
    assert layer.dW is grads[0] and not layer.dW.any()
