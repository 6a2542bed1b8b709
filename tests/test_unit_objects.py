"""Networks of neuron objects keep their deltas on the units (`self.out.delta = o - t`):
such a delta is a value made each pass, never a learning-rate factor, and the tracer
records it where it is set, so a finding about it points at that line."""

from __future__ import annotations

import ast

import numpy as np

from netdoctor.discover.stepping import overwritten_by_methods
from netdoctor.trace import trace_call

NETWORK = """
class Net:
    def backward(self, target):
        self.out.delta = self.out.output - target
        for j, n in enumerate(self.hidden):
            n.delta = self.out.weights[j] * self.out.delta * n.output * (1 - n.output)
        self.layers[1].delta = 2.0 * target

    def learn(self, rate):
        self.w = self.w - rate * self.g
"""


def test_another_objects_delta_is_made_anew_each_pass() -> None:
    fresh = overwritten_by_methods(ast.parse(NETWORK))
    # `n.delta` reads `self.out.delta`, another unit's: still a value made afresh
    assert "delta" in fresh
    assert "w" not in fresh  # `self.w = self.w - ...` steps its own value: a parameter


class Unit:
    def __init__(self, output: float, weights: list[float]) -> None:
        self.output = output
        self.weights = weights
        self.delta = 0.0


class Holder:
    def __init__(self) -> None:
        self.out = Unit(0.8, [0.5, -1.0])
        self.hidden = [Unit(0.3, []), Unit(0.6, [])]
        self.layers = [Unit(0.0, []), Unit(0.0, [])]

    def backward(self, target: float) -> None:
        self.out.delta = self.out.output - target
        for j, n in enumerate(self.hidden):
            n.delta = self.out.weights[j] * self.out.delta * n.output * (1 - n.output)
        self.layers[1].delta = 2.0 * target


def test_deltas_set_on_held_units_are_recorded_at_their_lines() -> None:
    holder = Holder()
    trace = trace_call(lambda: holder.backward(1.0), __file__)
    recorded = {a.name: (a.line, float(a.value)) for a in trace.assignments}
    first = Holder.backward.__code__.co_firstlineno
    assert recorded["self.out.delta"][0] == first + 1
    assert np.isclose(recorded["self.out.delta"][1], -0.2)
    assert np.isclose(recorded["n.delta"][1], -1.0 * -0.2 * 0.6 * 0.4)  # the last unit's
    assert recorded["self.layers[1].delta"] == (first + 4, 2.0)


def test_a_route_goes_through_attributes_of_rebuilt_frozen_objects() -> None:
    """`net.hidden.w` of a frozen `Net` rebuilt each step with new layers: the slot reads
    and writes the array of whatever `net` holds now."""
    from dataclasses import dataclass

    from netdoctor.discover.state import snapshot

    @dataclass(frozen=True)
    class Layer:
        w: np.ndarray

    @dataclass(frozen=True)
    class Net:
        hidden: Layer

    scope = {"net": Net(Layer(np.zeros(2)))}
    slots = [s for s in snapshot([("", scope)], (Layer, Net)) if s.label == "net.hidden.w"]
    assert len(slots) == 1
    scope["net"] = Net(Layer(np.ones(2)))  # the step rebuilt both objects
    np.testing.assert_array_equal(slots[0].current(), np.ones(2))
    slots[0].install(np.full(2, 5.0))
    np.testing.assert_array_equal(scope["net"].hidden.w, np.full(2, 5.0))
