"""Networks written one neuron at a time: `w1` ... `w6`, `b1` ... `b3` as Python floats.

The step-by-step tutorial style keeps every weight in its own scalar and writes each
neuron out: `h1 = sigmoid(self.w1 * x[0] + self.w2 * x[1] + self.b1)`. The checks work on
layers, so the file's own neuron expressions are read to place each scalar in a layer
matrix: a product `w * x[i]` is the weight from input i, `w * h1` the weight from unit
h1, a lone scalar the unit's bias; `w * x1` is the weight from the input `x1` stands for
in the row a sample is unpacked into (`for x1, x2, target in data`). The scalars may be
entries of a dict (`w["w5"]`) or of a list (`w[0]`, `ElementLayout`). Nothing is guessed
from names: when the expressions do not place every scalar exactly once in full layers,
the file is not read this way.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from netdoctor.discover.loops import target_names
from netdoctor.discover.state import Slot, is_float_slot, is_scalar_parameter
from netdoctor.structure import NetworkStructure, ParameterSlot
from netdoctor.subject import ClaimedGradients, ParameterValues

Source = tuple[str, Any]  # ("input", i) or ("unit", name)
RETURNED = "<returned>"  # the unit of `return sigmoid(self.w5 * h1 + ...)`


@dataclass
class _Unit:
    name: str
    weights: list[tuple[str, Source]]  # (parameter key, where its input comes from)
    bias: str | None
    layer: int = 0


@dataclass
class NeuronLayout:
    """Where each scalar parameter sits in the layer matrices the checks work on."""

    structure: NetworkStructure
    entries: dict[str, tuple[str, tuple[int, ...]]]  # scalar label -> (layer array, index)
    labels: list[str]  # the scalars, in the file's order
    output: str  # the name the output neuron's value is bound to (`o1`, `p`)
    function: tuple[str, int] | None = None  # (name, def line) of the function computing it
    inputs: tuple[str, ...] = ()  # scalar inputs by name, in order (`for x1, x2, t in data`)
    # the inputs carry the first layer's column of ones (a folded bias): first (True) or last
    ones_column: bool | None = None

    def pack(self, scalars: dict[str, Any]) -> dict[str, np.ndarray]:
        """Scalar values (or gradients) -> one array per layer weight and bias."""
        arrays = {s.name: np.zeros(s.shape) for s in self.structure.slots}
        for label, (name, index) in self.entries.items():
            value = scalars.get(label)
            if value is None:
                arrays[name][index] = np.nan
                continue
            arrays[name][index] = float(np.asarray(value, dtype=np.float64).reshape(-1)[0])
        return arrays

    def wrap(
        self,
        claimed: Callable[[ParameterValues], ClaimedGradients],
        forward: Callable[[ParameterValues], np.ndarray] | None,
    ) -> tuple[
        Callable[[ParameterValues], ClaimedGradients],
        Callable[[ParameterValues], np.ndarray] | None,
    ]:
        """The user's step and forward pass, taking and giving layer arrays."""

        def claimed_by_layer(values: ParameterValues) -> ClaimedGradients:
            claim = claimed(self.unpack(values))
            return ClaimedGradients(self.pack(claim.gradients), claim.mutated)

        if forward is None:
            return claimed_by_layer, None
        user_forward = forward

        def forward_by_layer(values: ParameterValues) -> np.ndarray:
            return user_forward(self.unpack(values))

        return claimed_by_layer, forward_by_layer

    def unpack(self, arrays: dict[str, Any]) -> dict[str, float]:
        return {
            label: float(np.asarray(arrays[name], dtype=np.float64)[index])
            for label, (name, index) in self.entries.items()
        }


def neuron_layout(
    labels: list[str], tree: ast.Module, optional: list[str] | None = None
) -> NeuronLayout | None:
    """The layout of scalar parameters `labels` (`self.w1`, `w1`), from the file's neurons.

    `optional` are numbers the step also changed but whose names say nothing (`bh1`): they
    are parameters when a neuron uses them, and left out otherwise (a loss total)."""
    optional = [o for o in optional or [] if o not in labels]
    keys = {_key(label): label for label in labels + optional}
    if len(keys) != len(labels) + len(optional):
        return None
    required = {_key(label) for label in labels}
    rows = _unpacked_rows(tree)
    found: list[NeuronLayout] = []
    for function, scope in _scopes(tree):
        units = _units(scope, set(keys))
        layout = _layout(units, keys, required, rows) if units else None
        if layout is not None:
            layout.function = function
            found.append(layout)
    # a scope that binds the output to a name (the training code's `o1 = ...`) can be
    # watched for it; `return sigmoid(...)` in `feedforward` places the weights as well
    named = [layout for layout in found if layout.output != RETURNED]
    return (named or found or [None])[0]


def neuron_number(slot: Slot, updated: set[str]) -> bool:
    """Whether a number the step did not list may be a neuron's parameter: one named like
    a parameter (`w11` left alone by a sample whose first input is 0, or `b3` used and
    never updated: ND108), or one the step moved and the file updates (`bh1 -= ...`)."""
    if not is_float_slot(slot):
        return False
    if is_scalar_parameter(str(slot.key), slot.copy):
        return True
    names = {str(slot.key), slot.label.split("[")[0].split(".")[-1]}  # `weights['w1']`
    return slot.changed() and bool(names & updated)


def _key(label: str) -> str:
    """What the file's neurons call a parameter: `w1` of `self.w1`, `w5` of `weights['w5']`
    (the dict may go by another name in the function reading it), `w[0]` of a list."""
    last = label.split(".")[-1]
    if last.endswith("]"):
        inner = last[last.rindex("[") + 1 : -1]
        if len(inner) >= 2 and inner[0] == inner[-1] and inner[0] in "'\"":
            return inner[1:-1]
    return last


def _scopes(tree: ast.Module) -> list[tuple[tuple[str, int] | None, list[ast.stmt]]]:
    """Each function's body, then the module's: a neuron is written out in one of them."""
    scopes: list[tuple[tuple[str, int] | None, list[ast.stmt]]] = [
        ((node.name, node.lineno), node.body)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
    ]
    scopes.append((None, tree.body))
    return scopes


def _units(scope: list[ast.stmt], keys: set[str]) -> list[_Unit]:
    """Every assignment in the scope that sums products of parameters with inputs or units.

    `h1 = sigmoid(w1 * x[0] + w2 * x[1] + b1)`, `p = 1 / (1 + exp(-(v1 * h1 + c)))`, or in
    two steps: `z1 = w1 * x[0] + ...` then `h1 = np.tanh(z1)` (the unit is then h1)."""
    units: list[_Unit] = []
    pre_activations: dict[str, str] = {}  # z1 -> h1 once `h1 = np.tanh(z1)` is seen
    by_pre: dict[str, _Unit] = {}
    for name, value in _assignments(scope):
        mentioned = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
        activated = [pre for pre in by_pre if pre in mentioned]
        if len(activated) == 1 and not mentioned & keys:
            unit = by_pre.pop(activated[0])  # h1 = sigmoid(z1)
            pre_activations[activated[0]] = name
            unit.name = name
            continue
        for node in ast.walk(value):  # the whole right side first, then its parts
            terms = _terms(node) if isinstance(node, ast.expr) else None
            unit = _unit(name, terms, keys, pre_activations) if terms else None
            if unit is None:
                continue
            units.append(unit)
            if node is value:  # no activation yet: `z1 = w1 * x[0] + ...`
                by_pre[name] = unit
            break
    return units


def _assignments(scope: list[ast.stmt]) -> list[tuple[str, ast.expr]]:
    """(name, value) of every `name = value` in source order; `a, b = f(u), f(v)` gives two."""
    found: list[tuple[int, int, str, ast.expr]] = []
    for statement in scope:
        for node in ast.walk(statement):
            if isinstance(node, ast.Return) and node.value is not None:
                found.append((node.lineno, node.col_offset, RETURNED, node.value))
                continue
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
                continue
            target, value = node.targets[0], node.value
            if isinstance(target, ast.Name):
                found.append((node.lineno, node.col_offset, target.id, value))
            elif isinstance(target, ast.Attribute):  # `self.a = sigmoid(self.w1 * x1 + ...)`
                found.append((node.lineno, node.col_offset, ast.unparse(target), value))
            elif (
                isinstance(target, ast.Tuple)
                and isinstance(value, ast.Tuple)
                and len(target.elts) == len(value.elts)
            ):
                for index, (t, v) in enumerate(zip(target.elts, value.elts, strict=True)):
                    if isinstance(t, ast.Name):
                        found.append((node.lineno, node.col_offset + index, t.id, v))
    found.sort(key=lambda f: (f[0], f[1]))
    return [(name, value) for _, _, name, value in found]


def _terms(expression: ast.expr) -> list[ast.expr] | None:
    if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Add):
        left, right = _terms(expression.left), _terms(expression.right)
        if left is None or right is None:
            return None
        return left + right
    return [expression]


def _unit(
    name: str, terms: list[ast.expr], keys: set[str], pre_activations: dict[str, str]
) -> _Unit | None:
    weights: list[tuple[str, Source]] = []
    bias: str | None = None
    for term in terms:
        key = _parameter_key(term, keys)
        if key is not None:
            if bias is not None:
                return None
            bias = key
            continue
        if not (isinstance(term, ast.BinOp) and isinstance(term.op, ast.Mult)):
            return None
        pair = _weight_and_source(term.left, term.right, keys, pre_activations)
        pair = pair or _weight_and_source(term.right, term.left, keys, pre_activations)
        if pair is None:
            return None
        weights.append(pair)
    return _Unit(name, weights, bias) if weights else None


def _weight_and_source(
    weight: ast.expr, source: ast.expr, keys: set[str], pre_activations: dict[str, str]
) -> tuple[str, Source] | None:
    key = _parameter_key(weight, keys)
    if key is None:
        return None
    if (
        isinstance(source, ast.Subscript)
        and isinstance(source.slice, ast.Constant)
        and isinstance(source.slice.value, int)
    ):
        return key, ("input", source.slice.value)
    if isinstance(source, ast.Name) and source.id not in keys:
        return key, ("unit", pre_activations.get(source.id, source.id))
    if isinstance(source, ast.Attribute) and source.attr not in keys:  # `self.w7 * self.a`
        name = ast.unparse(source)
        return key, ("unit", pre_activations.get(name, name))
    return None


def _parameter_key(node: ast.expr, keys: set[str]) -> str | None:
    if isinstance(node, ast.Attribute) and node.attr in keys:
        return node.attr
    if isinstance(node, ast.Name) and node.id in keys:
        return node.id
    if isinstance(node, ast.Subscript):  # `w["w5"]`, `p['v1']`, `w[0]`
        index = node.slice
        if isinstance(index, ast.Constant) and isinstance(index.value, str):
            return index.value if index.value in keys else None
        written = ast.unparse(node).split(".")[-1]
        return written if written in keys else None
    return None


def _unpacked_rows(tree: ast.Module) -> list[list[str]]:
    """The names a sample is unpacked into, in order: `for x1, x2, target in data`, `for
    (i1, i2), t in zip(inputs, targets)`, `x1, x2 = sample`."""
    rows = []
    for node in ast.walk(tree):
        target = node.target if isinstance(node, ast.For) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Tuple):
            names = target_names(target)
            if len(names) >= 2:
                rows.append(names)
    return rows


def _with_named_inputs(units: list[_Unit], rows: list[list[str]]) -> tuple[str, ...]:
    """The sources no unit computes (`x1`, `x2` of `w1 * x1 + w2 * x2 + b1`), made inputs
    in the order of the row most of them are unpacked from; () when none is."""
    computed = {u.name for u in units}
    named = {s for u in units for _, (k, s) in u.weights if k == "unit" and s not in computed}
    row = max(rows, key=lambda r: len(named.intersection(r)), default=[])
    order = [name for name in row if name in named]
    if not order:
        return ()
    for unit in units:
        unit.weights = [
            (key, ("input", order.index(s)) if k == "unit" and s in order else (k, s))
            for key, (k, s) in unit.weights
        ]
    return tuple(order)


def _layout(
    units: list[_Unit], labels: dict[str, str], required: set[str], rows: list[list[str]]
) -> NeuronLayout | None:
    """Units into layers; None unless every scalar is placed once and every layer is full."""
    named_inputs = _with_named_inputs(units, rows)
    by_name: dict[str, _Unit] = {}
    taken: set[str] = set()
    for unit in units:
        # the first neuron of a name is the forward's; a later expression reusing a weight
        # (`d_h1 = self.w5 * d_out` in the backward pass) is not a neuron
        keys = [k for k, _ in unit.weights] + ([unit.bias] if unit.bias else [])
        if unit.name in by_name or taken.intersection(keys) or len(set(keys)) != len(keys):
            continue
        layers = []
        for _, (kind, source) in unit.weights:
            if kind == "input":
                layers.append(0)
            elif source in by_name:
                layers.append(by_name[source].layer)
        if len(layers) != len(unit.weights):
            continue
        unit.layer = max(layers) + 1
        by_name[unit.name] = unit
        taken.update(keys)
    ordered = list(by_name.values())
    if not ordered:
        return None
    placed = [k for u in ordered for k, _ in u.weights] + [u.bias for u in ordered if u.bias]
    if len(set(placed)) != len(placed) or not required <= set(placed):
        return None
    depth = max(u.layer for u in ordered)
    layers = [[u for u in ordered if u.layer == n] for n in range(1, depth + 1)]
    if any(not layer for layer in layers) or len(layers[-1]) != 1:
        return None
    inputs = 1 + max(s for u in layers[0] for _, (k, s) in u.weights if k == "input")
    sizes = [inputs] + [len(layer) for layer in layers]
    entries: dict[str, tuple[str, tuple[int, ...]]] = {}
    slots: list[ParameterSlot] = []
    for n, layer in enumerate(layers):
        below = {u.name: i for i, u in enumerate(layers[n - 1])} if n else {}
        fan_in, fan_out = sizes[n], sizes[n + 1]
        weight_name = _array_name([k for u in layer for k, _ in u.weights], labels)
        slots.append(ParameterSlot(weight_name, "weight", n, (fan_in, fan_out), False, "float64"))
        for j, unit in enumerate(layer):
            if len(unit.weights) != fan_in:
                return None
            for key, (kind, source) in unit.weights:
                i = source if kind == "input" else below.get(source)
                if i is None or not 0 <= i < fan_in:
                    return None
                entries[labels[key]] = (weight_name, (i, j))
        biases = [u.bias for u in layer]
        if any(biases) and not all(biases):
            return None
        if all(biases):
            bias_name = _array_name([b for b in biases if b], labels)
            slots.append(ParameterSlot(bias_name, "bias", n, (fan_out,), False, "float64"))
            for j, key in enumerate(biases):
                assert key is not None
                entries[labels[key]] = (bias_name, (j,))
    if len({index for index in entries.values()}) != len(entries):
        return None
    structure = NetworkStructure(tuple(slots), "row", tuple(sizes))
    output = layers[-1][0].name
    return NeuronLayout(
        structure, entries, [labels[k] for k in placed], output, inputs=named_inputs
    )


def _array_name(keys: list[str], labels: dict[str, str]) -> str:
    """What reports call a layer's scalars: `self.w1..w4`, or the list when not a run."""
    names = [labels[k] for k in keys]
    if len(names) == 1:
        return names[0]
    return f"{names[0]}..{_key(names[-1])}"


@dataclass
class ElementLayout(NeuronLayout):
    """A network kept in lists of numbers, one entry per weight (`w = [random() for _ in
    range(6)]`, read as `w[0] * x[0] + w[1] * x[1] + b[0]`): each entry placed like a
    scalar of its own; the file's values are the lists."""

    lengths: dict[str, int] = field(default_factory=dict)  # list label -> its length

    def pack(self, values: dict[str, Any]) -> dict[str, np.ndarray]:
        return super().pack(
            {
                f"{label}[{i}]": np.asarray(values[label], dtype=np.float64).reshape(-1)[i]
                for label, length in self.lengths.items()
                if label in values
                for i in range(length)
            }
        )

    def unpack(self, arrays: dict[str, Any]) -> dict[str, Any]:  # type: ignore[override]
        scalars = super().unpack(arrays)
        return {
            label: [scalars.get(f"{label}[{i}]", 0.0) for i in range(length)]
            for label, length in self.lengths.items()
        }


def element_layout(parameters: list[Any], tree: ast.Module) -> ElementLayout | None:
    """The layout of number lists whose every entry the file's neurons place."""
    lengths = {p.label: len(p.primary.copy) for p in parameters}
    if not all(0 < n <= 64 for n in lengths.values()):
        return None
    labels = [f"{label}[{i}]" for label, n in lengths.items() for i in range(n)]
    found = neuron_layout(labels, tree)
    if found is None:
        return None
    return ElementLayout(**{f.name: getattr(found, f.name) for f in fields(found)}, lengths=lengths)
