"""Networks built from neuron objects: a `Layer` holding `Neuron`s, each with its own
weight vector and bias (`self.hidden.neurons[1].weights`, `self.hidden.neurons[1].bias`).

The step changes one vector and one number per neuron. The neurons of one layer are the
items of one list; stacked side by side their vectors are the layer's weight matrix. The
layers chain by size alone: the output layer has one neuron, and each layer's neurons
are as many as the next layer's vectors are long. The checks then see layer arrays; the
user's code, its neurons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from netdoctor.discover.neurons import NeuronLayout
from netdoctor.discover.state import Parameter
from netdoctor.naming import BIAS_NAME
from netdoctor.structure import NetworkStructure, ParameterSlot

_LONE_NEURON = re.compile(r"^(\w+(?:\.\w+)*)\.([A-Za-z_]\w*)$")  # `net.output.w`, `out_unit.w`
# `...neurons[1].weights`, or a neuron kept as a dict: `network[0][1]['weights']`
_LAST_INDEX = re.compile(r"^(.*)\[(\d+)\](?:\.([A-Za-z_]\w*)|\[['\"]([A-Za-z_]\w*)['\"]\])$")


@dataclass
class UnitLayout(NeuronLayout):
    """Where each neuron's vector (a column) and bias (an entry) sit in the layer arrays."""

    scalars: set[str] = field(default_factory=set)  # labels the user keeps as floats
    # a neuron's bias kept as the last entry of its weights (`weights[-1]`, the blog
    # tutorial's neuron dicts): label -> (the layer's bias array, the unit)
    folded: dict[str, tuple[str, int]] = field(default_factory=dict)

    def pack(self, values: dict[str, Any]) -> dict[str, np.ndarray]:
        arrays = {s.name: np.zeros(s.shape) for s in self.structure.slots}
        for label, (name, index) in self.entries.items():
            value = values.get(label)
            target = arrays[name][index]
            if value is None:
                column = np.full(target.size + (label in self.folded), np.nan)
            else:
                column = np.asarray(value, dtype=np.float64).reshape(-1)
            if label in self.folded:
                bias, unit = self.folded[label]
                arrays[bias][unit] = column[-1]
                column = column[:-1]
            arrays[name][index] = column.reshape(target.shape)
        return arrays

    def unpack(self, arrays: dict[str, Any]) -> dict[str, Any]:  # type: ignore[override]
        values: dict[str, Any] = {}
        for label, (name, index) in self.entries.items():
            part = np.asarray(arrays[name], dtype=np.float64)[index]
            if label in self.folded:
                bias, unit = self.folded[label]
                part = np.append(part, np.asarray(arrays[bias], dtype=np.float64)[unit])
            values[label] = float(part) if label in self.scalars else np.array(part)
        return values


@dataclass
class _Layer:
    key: str  # `self.hidden.neurons`
    weights: dict[int, Parameter]  # neuron index -> its vector
    biases: dict[int, Parameter]

    @property
    def units(self) -> int:
        return len(self.weights)

    @property
    def fan_in(self) -> int:
        return int(np.size(next(iter(self.weights.values())).before))


def unit_layout(parameters: list[Parameter]) -> UnitLayout | None:
    """The layout of a network of neuron objects, or None for any other network."""
    layers = _layers(parameters)
    if layers is None:
        return None
    chain, fold = _chain(layers), 0
    if chain is None and not any(layer.biases for layer in layers):
        chain, fold = _chain(layers, folded=True), 1  # `weights[-1]` is each neuron's bias
    if chain is None:
        return None
    entries: dict[str, tuple[str, Any]] = {}
    folded: dict[str, tuple[str, int]] = {}
    slots: list[ParameterSlot] = []
    for depth, layer in enumerate(chain):
        weight_name = _member_name(layer.key, _attribute(layer.weights))
        shape = (layer.fan_in - fold, layer.units)
        slots.append(ParameterSlot(weight_name, "weight", depth, shape, False, "float64"))
        for j, parameter in layer.weights.items():
            entries[parameter.label] = (weight_name, (slice(None), j))
        if fold:
            bias_name = f"{weight_name}[-1]"
            slots.append(ParameterSlot(bias_name, "bias", depth, (layer.units,), False, "float64"))
            folded.update({p.label: (bias_name, j) for j, p in layer.weights.items()})
        if layer.biases:
            bias_name = _member_name(layer.key, _attribute(layer.biases))
            slots.append(ParameterSlot(bias_name, "bias", depth, (layer.units,), False, "float64"))
            for j, parameter in layer.biases.items():
                entries[parameter.label] = (bias_name, (j,))
    sizes = (chain[0].fan_in - fold, *(layer.units for layer in chain))
    structure = NetworkStructure(tuple(slots), "row", sizes)
    scalars = {p.label for p in parameters if isinstance(p.before, float | np.floating)}
    labels = [p.label for p in parameters]
    return UnitLayout(structure, entries, labels, "", scalars=scalars, folded=folded)


def _layers(parameters: list[Parameter]) -> list[_Layer] | None:
    """Parameters grouped by the list their neuron sits in; None unless every parameter is
    one neuron's vector or bias, and every layer has a vector for each of its neurons."""
    layers: dict[str, _Layer] = {}
    for parameter in parameters:
        match = next(
            (m for s in parameter.slots if (m := _LAST_INDEX.match(s.label)) is not None), None
        )
        lone = _LONE_NEURON.match(parameter.label) if match is None else None
        if match is not None:
            key, index = match.group(1), int(match.group(2))
            attribute = match.group(3) or match.group(4)
        elif lone is not None:  # `net.output.w`: the output neuron, kept alone
            key, index, attribute = lone.group(1), 0, lone.group(2)
        else:
            return None
        layer = layers.setdefault(key, _Layer(key, {}, {}))
        value = parameter.before
        if np.ndim(value) == 1 and (np.size(value) > 1 or not BIAS_NAME.search(attribute)):
            layer.weights[index] = parameter  # (one entry: a unit of a one-input layer)
        elif np.size(value) == 1 and BIAS_NAME.search(attribute):
            layer.biases[index] = parameter
        else:
            return None
    for layer in layers.values():
        if sorted(layer.weights) != list(range(len(layer.weights))) or not layer.weights:
            return None
        if layer.biases and sorted(layer.biases) != sorted(layer.weights):
            return None
        if len({np.size(p.before) for p in layer.weights.values()}) != 1:
            return None
    return list(layers.values())


def _chain(layers: list[_Layer], folded: bool = False) -> list[_Layer] | None:
    """Output layer (one neuron) last; before each layer, the one with as many neurons as
    its vectors are long (one less when each vector ends with its neuron's bias)."""
    outputs = [layer for layer in layers if layer.units == 1]
    if len(outputs) != 1:
        return None
    chain = [outputs[0]]
    left = [layer for layer in layers if layer is not outputs[0]]
    while left:
        before = [layer for layer in left if layer.units == chain[0].fan_in - folded]
        if len(before) != 1:
            return None
        chain.insert(0, before[0])
        left.remove(before[0])
    return chain if len(chain) >= 2 else None


def _attribute(members: dict[int, Parameter]) -> str:
    """`weights` of `...neurons[1].weights`; `['weights']` of `network[0][1]['weights']`."""
    label = next(iter(members.values())).label
    match = _LAST_INDEX.match(label)
    if match is not None and match.group(4):
        return f"[{match.group(4)!r}]"
    return label.rsplit(".", 1)[-1]


def _member_name(key: str, attribute: str) -> str:
    """The layer array's name: `hidden.neurons[*].weights`, `network[0][*]['weights']`."""
    return f"{key}[*]{attribute}" if attribute.startswith("[") else f"{key}[*].{attribute}"


_ROW_ITEM = re.compile(r"^(.*)\[(\d+)\]$")  # `hidden_w[1]`: one unit's weight row


def rows_layout(parameters: list[Parameter]) -> UnitLayout | None:
    """A hidden layer kept as a list of weight rows, one 1-D array per unit (`hidden_w =
    [row, row, row]`), its biases one vector or list (`hidden_b`), then one output unit's
    weight vector (`out_w`) and bias (a float): stacked into layer arrays the same way."""
    rows: dict[str, dict[int, Parameter]] = {}
    others: list[Parameter] = []
    for parameter in parameters:
        match = _ROW_ITEM.match(parameter.label)
        if match and np.ndim(parameter.before) == 1 and np.size(parameter.before) > 1:
            rows.setdefault(match.group(1), {})[int(match.group(2))] = parameter
        else:
            others.append(parameter)
    if len(rows) != 1:
        return None
    key, units = next(iter(rows.items()))
    if (
        sorted(units) != list(range(len(units)))
        or len({np.size(p.before) for p in units.values()}) != 1
    ):
        return None
    fan_in, n = int(np.size(units[0].before)), len(units)
    vectors = [p for p in others if np.ndim(p.before) == 1 and np.size(p.before) == n]
    scalars = [p for p in others if np.size(p.before) == 1]
    biases = [p for p in vectors if _bias_like(p.label.split(".")[-1])]
    weights = [p for p in vectors if p not in biases]
    if len(weights) != 1 or len(biases) > 1 or len(scalars) > 1:
        return None
    if len(others) != len(weights) + len(biases) + len(scalars):
        return None
    hidden_w, out_w = f"{key}[*]", weights[0].label
    slots = [ParameterSlot(hidden_w, "weight", 0, (fan_in, n), False, "float64")]
    entries: dict[str, tuple[str, Any]] = {
        p.label: (hidden_w, (slice(None), j)) for j, p in units.items()
    }
    if biases:
        slots.append(ParameterSlot(biases[0].label, "bias", 0, (n,), False, "float64"))
        entries[biases[0].label] = (biases[0].label, slice(None))
    slots.append(ParameterSlot(out_w, "weight", 1, (n, 1), False, "float64"))
    entries[out_w] = (out_w, (slice(None), 0))
    if scalars:
        slots.append(ParameterSlot(scalars[0].label, "bias", 1, (1,), False, "float64"))
        entries[scalars[0].label] = (scalars[0].label, (0,))
    structure = NetworkStructure(tuple(slots), "row", (fan_in, n, 1))
    floats = {p.label for p in parameters if isinstance(p.before, float | np.floating)}
    return UnitLayout(structure, entries, [p.label for p in parameters], "", scalars=floats)


def _bias_like(name: str) -> bool:
    """`hidden_b`, `b_hidden`, `bh`, `hidden_bias`: a layer's bias by its name."""
    return bool(BIAS_NAME.search(name) or re.search(r"(^|_)b(_|$)|^b[a-z]?\d*$", name))
