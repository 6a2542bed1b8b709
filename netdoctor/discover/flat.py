"""Networks kept in one flat parameter vector, unrolled into layer matrices by the code.

The course-homework style (`nnCostFunction(nn_params, ...)` returning `(J, grad)`, with
`Theta1 = nn_params[:h * (d + 1)].reshape(h, d + 1)` and a column of ones prepended to the
inputs) trains a single 1-D array. Its layers are read from the unrolling function itself:
watched for one call, its local matrices whose entries are slices of the vector tell where
each weight and bias lives, and the chain of their shapes tells the layer sizes and where
the bias column is. The checks then see ordinary layer arrays; the user's code, its vector.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from netdoctor.discover.folded import ones_first
from netdoctor.discover.follow import LoopStep, Observation
from netdoctor.discover.neurons import NeuronLayout
from netdoctor.discover.replay import LocalsCapture, Pass
from netdoctor.discover.state import Parameter
from netdoctor.floats import user_errstate
from netdoctor.structure import FOLDED_BIAS, NetworkStructure, ParameterSlot

MIN_FLAT_SIZE = 5  # the smallest network: 1-1-1 with biases has 4 numbers, and is no use
MAX_OFFSETS = 512  # places one local array is tried at in the vector (zeros fit anywhere)


@dataclass
class FlatLayout(NeuronLayout):
    """Where each layer weight and bias sits in the user's flat vector."""

    label: str = ""
    shape: tuple[int, ...] = ()  # the vector's own shape ((n,) or (n, 1))
    index: dict[str, np.ndarray] = field(default_factory=dict)  # slot -> positions
    note: str = ""  # what the report's layer arrays are, in the user's terms

    def pack(self, values: dict[str, Any]) -> dict[str, np.ndarray]:
        vector = values.get(self.label)
        size = int(np.prod(self.shape))
        flat = None if vector is None else np.asarray(vector, dtype=np.float64).reshape(-1)
        if flat is None or flat.size != size:
            return {name: np.full(index.shape, np.nan) for name, index in self.index.items()}
        return {name: flat[index] for name, index in self.index.items()}

    def unpack(self, arrays: dict[str, Any]) -> dict[str, Any]:  # type: ignore[override]
        flat = np.zeros(int(np.prod(self.shape)))
        for name, index in self.index.items():
            flat[index] = np.asarray(arrays[name], dtype=np.float64)
        return {self.label: flat.reshape(self.shape)}


@dataclass
class _Piece:
    name: str
    offset: int
    positions: np.ndarray  # flat positions, in the piece's own shape


def flat_layout(
    observation: Observation, step: LoopStep, runner: Pass, parameters: list[Parameter]
) -> FlatLayout | None:
    """The layout of a network trained as one vector, or None for any other network."""
    if len(parameters) != 1:
        return None
    parameter = parameters[0]
    vector = parameter.before
    if not isinstance(vector, np.ndarray) or vector.size < MIN_FLAT_SIZE:
        return None
    if vector.ndim != 1 and not (vector.ndim == 2 and 1 in vector.shape):
        return None
    flat = np.asarray(vector, dtype=np.float64).reshape(-1)
    # the first call handed the vector that unrolls it: a lambda handing it on
    # (`fun = lambda t: net.cost(t, X, y)`) unrolls nothing, the method it calls does
    for record in _unrolling_calls(observation, step, flat):
        capture = LocalsCapture(record.code)
        try:
            with user_errstate(), capture:
                runner.run({parameter.label: vector.copy()})
        except Exception:
            return None
        if capture.values is None:
            continue
        pieces = _cover(flat, _with_items(capture.values))
        if pieces is not None:
            break
    else:
        return None
    layout = _layers(pieces, capture.values)
    if layout is None:
        return None
    structure, index = layout
    # a loop over the examples inside the function holds one example's output at the end
    # (`a_3` of the last `t`): no local output, and the checks go without a forward pass
    output = _output_local(capture.values, pieces) or ""
    function = record.code.co_name
    parts = ", ".join(f"`{p.name}` {tuple(int(n) for n in p.positions.shape)}" for p in pieces)
    note = (
        f"your vector `{parameter.label}` unrolls into {parts} in `{function}`; the report "
        "shows each layer as (inputs x units) weights and a bias"
    )
    return FlatLayout(
        note=note,
        structure=structure,
        entries={},
        labels=[parameter.label],
        output=output,
        function=(record.code.co_name, record.code.co_firstlineno),
        label=parameter.label,
        shape=tuple(vector.shape),
        index=index,
    )


def _unrolling_calls(observation: Observation, step: LoopStep, flat: np.ndarray) -> list[Any]:
    """The calls in the pass handed the vector itself, in order, each code once."""
    found: dict[Any, Any] = {}
    for record in observation.calls[step.first_call : step.last_call]:
        for value in record.copies.values():
            if isinstance(value, np.ndarray) and value.size == flat.size:
                if np.array_equal(value.reshape(-1), flat):
                    found.setdefault(record.code, record)
    return list(found.values())[:4]


def _with_items(scope: dict[str, Any]) -> dict[str, Any]:
    """The locals, and the arrays of local dicts and lists by their item (`p['W1']` of
    `p = unpack(theta)` filling a dict from the vector)."""
    found = dict(scope)
    for name, value in scope.items():
        items = (
            value.items()
            if isinstance(value, dict)
            else enumerate(value)
            if isinstance(value, list | tuple)
            else []
        )
        for key, item in list(items)[:32]:
            if isinstance(item, np.ndarray) and isinstance(key, str | int):
                found.setdefault(f"{name}[{key!r}]", item)
    return found


def _cover(flat: np.ndarray, scope: dict[str, Any]) -> list[_Piece] | None:
    """Local arrays that are slices of the vector (C or Fortran order), covering it once."""
    candidates: list[_Piece] = []
    for name, value in scope.items():
        if isinstance(value, np.floating):  # `b2 = theta[-1]`: one number, a 0-d piece
            value = np.asarray(value)
        if not isinstance(value, np.ndarray) or value.size >= flat.size or value.ndim > 2:
            continue
        if value.size == 0 or value.dtype.kind != "f":
            continue
        for order in ("C", "F"):
            entries = np.asarray(value, dtype=np.float64).reshape(-1, order=order)
            # every place it fits: biases of zeros fit wherever the vector holds zeros (the
            # output's `b2` at the hidden biases' offset as well as at its own)
            offsets = np.flatnonzero(flat == entries[0])[:MAX_OFFSETS]
            fits = [
                _Piece(
                    name,
                    int(offset),
                    offset + np.arange(entries.size).reshape(value.shape, order=order),
                )
                for offset in offsets
                if offset + entries.size <= flat.size
                and np.array_equal(flat[offset : offset + entries.size], entries)
            ]
            if fits:
                candidates += fits
                break
    chosen: list[_Piece] = []
    at = 0
    while at < flat.size:
        used = {p.name for p in chosen}
        starting = [p for p in candidates if p.offset == at and p.name not in used]
        if not starting:
            return None
        piece = max(starting, key=lambda p: p.positions.size)
        chosen.append(piece)
        at += piece.positions.size
    return chosen if len(chosen) >= 2 else None


def _layers(
    pieces: list[_Piece], scope: dict[str, Any]
) -> tuple[NetworkStructure, dict[str, np.ndarray]] | None:
    """Weights and biases from the pieces: matrices with a bias column or row (`Theta1` of
    shape (h, d + 1) beside a column of ones), or matrices each followed by its bias."""
    if all(p.positions.ndim == 2 for p in pieces):
        widths = {n for p in pieces for n in p.positions.shape}  # Theta (h, d + 1)
        found = _with_bias_lines(pieces, ones_first(scope.values(), True, widths))
        if found is not None:
            return found
    return _with_bias_vectors(pieces)


def _with_bias_lines(
    pieces: list[_Piece], ones_first: bool
) -> tuple[NetworkStructure, dict[str, np.ndarray]] | None:
    shapes = [p.positions.shape for p in pieces]
    chained_columns = all(b[1] == a[0] + 1 for a, b in itertools.pairwise(shapes))
    chained_rows = all(b[0] == a[1] + 1 for a, b in itertools.pairwise(shapes))
    index: dict[str, np.ndarray] = {}
    slots: list[ParameterSlot] = []
    if chained_columns and shapes[-1][0] == 1:  # Theta (units, 1 + inputs): Theta @ [1; a]
        sizes = [shapes[0][1] - 1] + [s[0] for s in shapes]
        split = [(p.positions.T[1:], p.positions.T[0]) for p in pieces]
    elif chained_rows and shapes[-1][1] == 1:  # Theta (1 + inputs, units): [1, a] @ Theta
        sizes = [shapes[0][0] - 1] + [s[1] for s in shapes]
        split = [(p.positions[1:], p.positions[0]) for p in pieces]
    else:
        return None
    if not ones_first:
        split = [_last_line(p, chained_columns) for p in pieces]
    for layer, (piece, (weights, bias)) in enumerate(zip(pieces, split, strict=True)):
        weight_name, bias_name = piece.name, f"{piece.name}{FOLDED_BIAS}"
        index[weight_name], index[bias_name] = weights, bias
        slots.append(ParameterSlot(weight_name, "weight", layer, weights.shape, False, "float64"))
        slots.append(ParameterSlot(bias_name, "bias", layer, bias.shape, False, "float64"))
    return NetworkStructure(tuple(slots), "row", tuple(sizes)), index


def _last_line(piece: _Piece, columns: bool) -> tuple[np.ndarray, np.ndarray]:
    """Weights and bias when the ones are appended: the bias is the last column (row)."""
    positions = piece.positions.T if columns else piece.positions
    return positions[:-1], positions[-1]


def _with_bias_vectors(
    pieces: list[_Piece],
) -> tuple[NetworkStructure, dict[str, np.ndarray]] | None:
    """W1, b1, W2, b2 unrolled one after the other, in either orientation."""
    if len(pieces) % 2:
        return None
    pairs = list(zip(pieces[::2], pieces[1::2], strict=True))
    index: dict[str, np.ndarray] = {}
    slots: list[ParameterSlot] = []
    sizes: list[int] = []
    for layer, (weight, bias) in enumerate(pairs):
        w, b = weight.positions, bias.positions.reshape(-1)
        if w.ndim == 1 and b.size == 1:  # `W2 = theta[k:k + h]` beside `b2 = theta[-1]`
            w = w.reshape(-1, 1)
        if w.ndim != 2:
            return None
        if w.shape[1] == b.size and (not sizes or w.shape[0] == sizes[-1]):
            rows = w  # (inputs, units): X @ W
        elif w.shape[0] == b.size and (not sizes or w.shape[1] == sizes[-1]):
            rows = w.T  # (units, inputs): W @ x
        else:
            return None
        if not sizes:
            sizes.append(rows.shape[0])
        sizes.append(rows.shape[1])
        index[weight.name], index[bias.name] = rows, b
        slots.append(ParameterSlot(weight.name, "weight", layer, rows.shape, False, "float64"))
        slots.append(ParameterSlot(bias.name, "bias", layer, b.shape, False, "float64"))
    if sizes[-1] != 1:
        return None
    return NetworkStructure(tuple(slots), "row", tuple(sizes)), index


def _output_local(scope: dict[str, Any], pieces: list[_Piece]) -> str | None:
    """The function's output: the last local that is one probability per sample (not the
    0/1 labels, not a piece of the vector)."""
    taken = {p.name for p in pieces}
    labels = {
        value.size
        for value in scope.values()
        if isinstance(value, np.ndarray) and value.size > 1 and np.all((value == 0) | (value == 1))
    }
    found = None
    for name, value in scope.items():
        if name in taken or not isinstance(value, np.ndarray) or value.dtype.kind != "f":
            continue
        if value.size < 1 or not (value.ndim == 1 or 1 in value.shape):
            continue
        if labels and value.size not in labels:  # one value per sample, as the labels
            continue
        finite = np.all(np.isfinite(value))
        if finite and np.all((value > 0) & (value < 1)):
            found = name
    return found
