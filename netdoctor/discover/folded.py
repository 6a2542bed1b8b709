"""Biases folded into the weight matrices: a column of ones beside a layer's input, and one
more row (or column) in the next layer's weights (`syn1` of shape (5, 1) after 4 hidden
units, `Theta2` of shape (1, h + 1)). The checks see a weight matrix and a bias per layer;
the user's code keeps its matrices."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np

from netdoctor.discover.follow import LoopStep, Observation
from netdoctor.discover.neurons import NeuronLayout
from netdoctor.discover.replay import LocalsCapture, Pass
from netdoctor.discover.state import Parameter
from netdoctor.floats import user_errstate
from netdoctor.structure import FOLDED_BIAS, NetworkStructure, ParameterSlot


@dataclass
class FoldedLayout(NeuronLayout):
    """For each user matrix, where its weights and its folded bias line sit."""

    # user label -> (weight slot, bias slot or "", transposed, bias line first)
    parts: dict[str, tuple[str, str, bool, bool]] = field(default_factory=dict)
    shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    note: str = ""

    def pack(self, values: dict[str, Any]) -> dict[str, np.ndarray]:
        arrays: dict[str, np.ndarray] = {}
        for label, (weight, bias, transposed, first) in self.parts.items():
            value = values.get(label)
            shape = self.shapes[label]
            matrix = None if value is None else np.asarray(value, dtype=np.float64)
            if matrix is None or matrix.shape != shape:
                matrix = np.full(shape, np.nan)
            # (fan_in [+ 1], units); the output's weights may be a vector
            rows = (
                matrix.reshape(-1, 1) if matrix.ndim == 1 else (matrix.T if transposed else matrix)
            )
            if bias:
                arrays[weight] = rows[1:] if first else rows[:-1]
                arrays[bias] = rows[0] if first else rows[-1]
            else:
                arrays[weight] = rows
        return arrays

    def unpack(self, arrays: dict[str, Any]) -> dict[str, Any]:  # type: ignore[override]
        values: dict[str, Any] = {}
        for label, (weight, bias, transposed, first) in self.parts.items():
            rows = np.asarray(arrays[weight], dtype=np.float64)
            if bias:
                line = np.asarray(arrays[bias], dtype=np.float64).reshape(1, -1)
                rows = np.vstack([line, rows] if first else [rows, line])
            if len(self.shapes[label]) == 1:  # `np.append(h, 1.0) @ w_out`: a vector
                values[label] = rows.reshape(self.shapes[label]).copy()
                continue
            values[label] = (rows.T if transposed else rows).copy()
        return values


def folded_in_pass(
    observation: Observation, step: LoopStep, runner: Pass, parameters: list[Parameter]
) -> FoldedLayout | None:
    """`folded_layout` of the parameters, from the pass's scope after a run and the locals
    of the functions it calls (`a1 = np.c_[np.ones(m), X]` inside the cost function)."""
    if _matrices(parameters) is None:  # not worth a run of the pass
        return None
    capture = LocalsCapture(*{r.code for r in observation.calls[step.first_call : step.last_call]})
    try:
        with user_errstate(), capture:
            scope = runner.run({p.label: p.before.copy() for p in parameters})
    except Exception:
        scope = {}
    inner = [value for found in capture.by_code.values() for value in found.values()]
    # and what a method keeps on its object (`self.o_j[0] = 1.0` of a layer with its ones)
    inner += [
        item
        for value in inner
        if hasattr(value, "__dict__") and not isinstance(value, type | ModuleType)
        for item in vars(value).values()
        if isinstance(item, np.ndarray)
    ]
    return folded_layout(parameters, scope, inner)


def folded_layout(
    parameters: list[Parameter], scope: dict[str, Any], inner: Iterable[Any] = ()
) -> FoldedLayout | None:
    """The layout of matrices that chain only with one extra input line each for a bias,
    or None when they chain as they are (or not at all). `scope` is the pass's namespace
    after a run, `inner` the locals of the functions it called: an array with a column of
    ones says whether the ones come first, and one that is the data with a column of ones
    (`a1 = [1, X]`, Octave's ex4) says that the first matrix carries a bias line too."""
    matrices = _matrices(parameters)
    if matrices is None:
        return None
    shapes = [m.before.shape if m.before.ndim == 2 else (m.before.size, 1) for m in matrices]
    # one sample's inputs with their one, `a1 = np.concatenate(([1.0], x))`, as a row
    arrays = [
        v.reshape(1, -1) if v.ndim == 1 else v
        for v in map(_as_array, (*inner, *scope.values()))
        if v is not None and v.ndim in (1, 2) and v.dtype.kind == "f"
    ]
    for transposed in (False, True):
        lines = [  # (fan_in[+1], units); a vector is one unit's in either layout
            (s[1], s[0]) if transposed and m.before.ndim == 2 else s
            for s, m in zip(shapes, matrices, strict=True)
        ]
        if lines[-1][1] != 1:
            continue
        extra = [b[0] - a[1] for a, b in itertools.pairwise(lines)]
        if not all(e in (0, 1) for e in extra) or not any(extra):
            continue
        # read across the inputs' widths only: XOR's data ends with a column [1, 1]
        first = ones_first(arrays, default=False, widths={line[0] for line in lines})
        inputs = _ones_beside_data(arrays, lines[0][0], first)
        if not inputs and _ones_beside_data(arrays, lines[0][0], not first):
            first, inputs = not first, True  # the data beside its ones says more than edges
        return _layout(matrices, lines, [inputs, *map(bool, extra)], transposed, first)
    return None


def _as_array(value: Any) -> np.ndarray | None:
    """An array, or a list of numbers as one (`hv = [1.0] + [tanh(v) for v in s]` of code
    without NumPy: its ones tell where the bias line sits too)."""
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, list) and value and all(type(item) is float for item in value):
        return np.asarray(value)
    return None


def _matrices(parameters: list[Parameter]) -> list[Parameter] | None:
    """The parameters when they are two or more matrices and nothing else (the last may
    be a vector, one output unit's weights), else None."""
    matrices = [p for p in parameters if isinstance(p.before, np.ndarray) and p.before.ndim == 2]
    vectors = [p for p in parameters if isinstance(p.before, np.ndarray) and p.before.ndim == 1]
    if len(vectors) == 1 and len(matrices) == len(parameters) - 1 and parameters[-1] is vectors[0]:
        matrices.append(vectors[0])  # the output's weights as a vector, `w_out` (h + 1,)
    return matrices if len(matrices) == len(parameters) and len(matrices) >= 2 else None


def _ones_beside_data(arrays: list[np.ndarray], fan_in: int, first: bool) -> bool:
    """Whether some array is another one (the data) with a column or row of ones added
    on the side `first` says, `fan_in` wide: the first layer's inputs get a bias line."""
    for value in arrays:
        for lines in (value, value.T):
            if lines.shape[1] != fan_in or fan_in < 2 or lines.shape[0] < 1:
                continue
            edge, rest = (lines[:, 0], lines[:, 1:]) if first else (lines[:, -1], lines[:, :-1])
            if not np.all(edge == 1):
                continue
            for other in arrays:
                for candidate in (other, other.T):
                    if candidate.shape == rest.shape and np.array_equal(candidate, rest):
                        return True
    return False


def _layout(
    matrices: list[Parameter],
    lines: list[tuple[int, int]],
    folded: list[bool],
    transposed: bool,
    first: bool,
) -> FoldedLayout:
    slots: list[ParameterSlot] = []
    parts: dict[str, tuple[str, str, bool, bool]] = {}
    sizes = [lines[0][0] - folded[0]]
    for layer, (parameter, (fan_in, units), bias) in enumerate(
        zip(matrices, lines, folded, strict=True)
    ):
        dtype = str(parameter.before.dtype)
        weight = parameter.label
        bias_name = f"{parameter.label}{FOLDED_BIAS}" if bias else ""
        shape = (fan_in - 1 if bias else fan_in, units)
        slots.append(ParameterSlot(weight, "weight", layer, shape, False, dtype))
        if bias:
            slots.append(ParameterSlot(bias_name, "bias", layer, (units,), False, dtype))
        parts[parameter.label] = (weight, bias_name, transposed, first)
        sizes.append(units)
    structure = NetworkStructure(tuple(slots), "row", tuple(sizes))
    where = "first" if first else "last"
    side = "column" if transposed else "row"
    note = (
        f"your matrices carry their layer's bias as their {where} {side} (beside a column of "
        "ones): the report shows each as a weight matrix and a bias, `NAME (bias)`"
    )
    return FoldedLayout(
        structure=structure,
        entries={},
        labels=[p.label for p in matrices],
        output="",
        ones_column=first if folded[0] else None,
        parts=parts,
        shapes={p.label: tuple(p.before.shape) for p in matrices},
        note=note,
    )


def ones_first(arrays: Iterable[Any], default: bool, widths: set[int] | None = None) -> bool:
    """Whether the code puts its column (or row) of ones first (`[1, a]`) or last, read
    from the first of `arrays` whose two edges tell; `default` when none does. `widths`:
    the lengths a layer's input with its ones has, when known; only an edge across such an
    axis tells (3-bit parity's data ends with the row `[1, 1, 1]`, which is no bias row)."""
    for value in arrays:  # (one sample's row `o_h = [1, s1, s2, s3]` tells across it)
        if isinstance(value, np.ndarray) and value.ndim == 2 and max(value.shape) > 1:
            for axis, edges in ((1, value[:, [0, -1]].T), (0, value[[0, -1], :])):
                if value.shape[axis] < 2 or (
                    widths is not None and value.shape[axis] not in widths
                ):
                    continue
                first, last = (bool(np.all(edge == 1)) for edge in edges)
                if first != last:
                    return first
    return default
