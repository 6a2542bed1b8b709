"""From a user's named arrays to layers: which array is which layer's weights or bias.

Users hold parameters in every shape: W1 (d, h) or (h, d), biases (1, h), (h,), (h, 1) or
a Python float shared by a layer, a last-layer weight vector (h,). Everything downstream
works on one canonical form (row layout: W (fan_in, fan_out), b (fan_out,)); this module
maps values there and gradients back to the user's own shapes, so each verdict talks
about the user's arrays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from netdoctor.naming import BIAS_NAME, WEIGHT_NAME, layer_hint


class StructureError(ValueError):
    """The arrays do not chain into a dense network; the message lists what was seen."""


# A bias kept inside a matrix (a row or column of it, or a flat vector's piece) is shown
# apart, named after its matrix: `Theta1 (bias)`
FOLDED_BIAS = " (bias)"


@dataclass(frozen=True)
class ParameterSlot:
    """One user parameter and its place in the network."""

    name: str
    kind: str  # "weight" or "bias"
    layer: int  # 0-based
    shape: tuple[int, ...]  # the user's shape; () for a Python float
    is_python_scalar: bool
    dtype: str


@dataclass(frozen=True)
class NetworkStructure:
    """Layers, layout and sizes of a user's dense network."""

    slots: tuple[ParameterSlot, ...]
    layout: str  # "row" (X @ W) or "column" (W @ x)
    layer_sizes: tuple[int, ...]  # (d, h1, ..., 1)

    @property
    def n_layers(self) -> int:
        return len(self.layer_sizes) - 1

    @property
    def names(self) -> list[str]:
        return [slot.name for slot in self.slots]

    def slot(self, name: str) -> ParameterSlot:
        for slot in self.slots:
            if slot.name == name:
                return slot
        raise KeyError(name)

    def weight_slot(self, layer: int) -> ParameterSlot:
        return next(s for s in self.slots if s.kind == "weight" and s.layer == layer)

    def bias_slot(self, layer: int) -> ParameterSlot | None:
        return next((s for s in self.slots if s.kind == "bias" and s.layer == layer), None)

    def has_bias(self, layer: int) -> bool:
        return self.bias_slot(layer) is not None

    def canonical(self, values: dict[str, Any]) -> tuple[list[np.ndarray], list[np.ndarray | None]]:
        """User values -> (weights (fan_in, fan_out), biases (fan_out,) or None), float64."""
        weights: list[np.ndarray] = []
        biases: list[np.ndarray | None] = []
        for layer in range(self.n_layers):
            fan_in, fan_out = self.layer_sizes[layer], self.layer_sizes[layer + 1]
            w = np.asarray(values[self.weight_slot(layer).name], dtype=np.float64)
            weights.append(_weight_to_row(w, fan_in, fan_out, self.layout))
            bias_slot = self.bias_slot(layer)
            if bias_slot is None:
                biases.append(None)
            else:
                b = np.asarray(values[bias_slot.name], dtype=np.float64)
                if b.size == 1 and fan_out != 1:
                    biases.append(np.full(fan_out, float(b.reshape(-1)[0])))
                else:
                    biases.append(b.reshape(fan_out).copy())
        return weights, biases

    def from_canonical(
        self, weights: list[np.ndarray], biases: list[np.ndarray | None]
    ) -> dict[str, Any]:
        """Canonical values or gradients -> the user's shapes (a shared scalar bias sums)."""
        result: dict[str, Any] = {}
        for layer in range(self.n_layers):
            w_slot = self.weight_slot(layer)
            w = weights[layer]
            user_w = w.T if self.layout == "column" else w
            result[w_slot.name] = np.asarray(user_w, dtype=np.float64).reshape(w_slot.shape)
            b_slot = self.bias_slot(layer)
            if b_slot is not None:
                b = biases[layer]
                assert b is not None
                if b_slot.shape == () or (int(np.prod(b_slot.shape)) == 1 and b.size != 1):
                    result[b_slot.name] = np.asarray(float(np.sum(b))).reshape(b_slot.shape)
                else:
                    result[b_slot.name] = np.asarray(b, dtype=np.float64).reshape(b_slot.shape)
        return result

    def describe(self) -> dict[str, Any]:
        return {
            "layout": self.layout,
            "layer_sizes": list(self.layer_sizes),
            "parameters": [
                {
                    "name": s.name,
                    "kind": s.kind,
                    "layer": s.layer + 1,
                    "shape": list(s.shape),
                    "dtype": "python float" if s.is_python_scalar else s.dtype,
                }
                for s in self.slots
            ],
        }


def _weight_to_row(w: np.ndarray, fan_in: int, fan_out: int, layout: str) -> np.ndarray:
    if w.ndim == 1:
        return w.reshape(fan_in, fan_out).copy()
    return (w.T if layout == "column" else w).reshape(fan_in, fan_out).copy()


def is_parameter_value(value: Any) -> bool:
    """Float arrays of rank <= 2 and Python or NumPy floats can be parameters."""
    if isinstance(value, bool):
        return False
    if isinstance(value, float | int | np.floating) and not isinstance(value, bool):
        return True  # `d = np.float32(0.0)`: a float32 network's output bias
    return isinstance(value, np.ndarray) and value.ndim <= 2 and value.dtype.kind in "fiu"


def infer_structure(named: list[tuple[str, Any]], input_dim: int | None = None) -> NetworkStructure:
    """Assign each named array a layer and a role by its name first and its shape second.

    The last layer has one output unit, so the last weight's shape gives the layout:
    (h, 1) is row layout (X @ W), (1, h) column layout (W @ x), (h,) a vector that works
    either way. The weights must chain: fan_out of one layer is fan_in of the next.
    """
    weights: list[tuple[int, str, np.ndarray]] = []
    biases: list[tuple[int, str, Any]] = []
    bases = {_base_name(name) for name, _ in named}
    for order, (name, value) in enumerate(named):
        base = _base_name(name)
        array = np.asarray(value)
        looks_bias = bool(BIAS_NAME.search(base)) and not _is_weight_name(base)
        if base.swapcase() in bases and base.swapcase() != base:
            # `A, a, B, b`: the capital is the layer's matrix, the small letter its bias
            # (`B` (1, 9) beside `b` (1, 1) is no bias; `a` (9, 1) beside `A` is one)
            looks_bias = base[0].islower() and array.ndim > 0
        if looks_bias or array.ndim == 0:
            biases.append((order, name, value))
        elif array.ndim == 2 or (array.ndim == 1 and _is_weight_name(base)):
            weights.append((order, name, array))
        elif array.ndim == 1:
            biases.append((order, name, value))
    if not weights:
        raise StructureError("no weight matrices among: " + _describe(named))
    weights = _order_by_layer(weights)
    try:
        weights, (layout, sizes) = _ordered_chain(weights, input_dim)
        if _one_by_one_last(weights, sizes):
            weights, biases, layout, sizes = _biases_by_shape(weights, biases, input_dim)
    except StructureError:
        weights, biases, layout, sizes = _biases_by_shape(weights, biases, input_dim)
    slots: list[ParameterSlot] = []
    for layer, (_, name, w) in enumerate(weights):
        slots.append(ParameterSlot(name, "weight", layer, tuple(w.shape), False, str(w.dtype)))
    bias_layers = _assign_biases(_order_by_layer(biases), sizes)
    for layer, (name, value) in bias_layers.items():
        array = np.asarray(value)
        slots.append(
            ParameterSlot(
                name,
                "bias",
                layer,
                tuple(array.shape),
                not isinstance(value, np.ndarray),
                str(array.dtype) if isinstance(value, np.ndarray) else "float64",
            )
        )
    slots.sort(key=lambda s: (s.layer, s.kind != "weight"))
    return NetworkStructure(tuple(slots), layout, tuple(sizes))


def _one_by_one_last(weights: list[tuple[int, str, np.ndarray]], sizes: list[int]) -> bool:
    """`w, b, v, c` with `c` of shape (1, 1) after `v` (8, 1): chained, `c` is a layer of
    one unit after a layer of one unit. Named like no weight, it is the output's bias."""
    _, name, last = weights[-1]
    return (
        len(weights) > 1
        and last.shape == (1, 1)
        and 1 in sizes[1:-1]
        and not _is_weight_name(_base_name(name))
    )


def _ordered_chain(
    weights: list[tuple[int, str, np.ndarray]], input_dim: int | None
) -> tuple[list[tuple[int, str, np.ndarray]], tuple[str, list[int]]]:
    """The weights in the given order if they chain, else in an order that does (see
    `_chained_order`); raises StructureError with the shapes seen when none does."""
    try:
        return weights, _chain(weights, input_dim)
    except StructureError:
        reordered = _chained_order(weights, input_dim)
        if reordered is None:
            raise
        return reordered


def _chained_order(
    weights: list[tuple[int, str, np.ndarray]], input_dim: int | None
) -> tuple[list[tuple[int, str, np.ndarray]], tuple[str, list[int]]] | None:
    """The weights in an order that chains, when the order they were made in does not: a
    subclass that calls `super().__init__()` (making the output weights) before making its
    hidden ones. Orders that put a name hinting at the first layer first and one hinting
    at the output last come first; then the order they were made in."""
    from itertools import permutations

    if not 2 <= len(weights) <= 4:
        return None

    def respects_hints(order: tuple[tuple[int, str, np.ndarray], ...]) -> bool:
        hints = [layer_hint(name.split(".")[-1]) for _, name, _ in order]
        first_ok = all(h != 1 for h in hints[1:])
        last_ok = all(h != 99 for h in hints[:-1])
        return first_ok and last_ok

    orders = list(permutations(weights))
    for order in sorted(orders, key=lambda o: not respects_hints(o)):
        try:
            return list(order), _chain(list(order), input_dim)
        except StructureError:
            continue
    return None


def _biases_by_shape(
    weights: list[tuple[int, str, np.ndarray]],
    biases: list[tuple[int, str, Any]],
    input_dim: int | None,
) -> tuple[list[tuple[int, str, np.ndarray]], list[tuple[int, str, Any]], str, list[int]]:
    """Names that say nothing (`biais_1`, `poids_2`) or mislead (`A, a, B, c`, where `B`
    reads as a bias): a row or column that is not needed as a weight for the layers to
    chain is a bias, and a matrix named like a bias may be a weight. Tries the fewest such
    moves first."""
    from itertools import combinations

    # a matrix named like a bias, or a vector named like nothing (`v` of `v @ hid + k`)
    movable = [
        (o, n, np.asarray(v))
        for o, n, v in biases
        if np.ndim(v) == 2
        or (np.ndim(v) == 1 and not BIAS_NAME.search(_base_name(n)))
        or (np.ndim(v) == 1 and _base_name(n) == "B")  # `A, a0, B, b0`: a capital is a matrix
    ]
    pool = _order_by_layer(sorted(weights + movable, key=lambda w: w[0]))
    biases = [b for b in biases if not any(b[1] == m[1] for m in movable)]
    vectors = [w for w in pool if w[2].ndim == 1 or 1 in w[2].shape]  # `weights[1]` (12,)
    made = sorted(o for o, _, _ in pool)
    made_before = dict(zip(made[1:], made, strict=False))  # each array's predecessor
    found: list[tuple[int, int, Any]] = []
    for count in range(len(vectors) + 1):  # none moved first: `B` may be all weight
        for moved in combinations(vectors, count):
            kept = [w for w in pool if w not in moved]
            if not kept:
                continue
            try:
                kept, (layout, sizes) = _ordered_chain(kept, input_dim)
            except StructureError:
                continue
            if 1 in sizes[1:-1]:
                continue  # a (1, 1) bias chained as a layer of one unit
            moved_biases = sorted([*biases, *moved], key=lambda b: b[0])
            try:  # `U` (10, 1) of a one-input column network moved: no layer of 10 units
                _assign_biases(_order_by_layer(moved_biases), sizes)
            except StructureError:
                continue
            # a row (1, n) read as a first layer of one input, where the data has more: the
            # bias row of `params = [W1 (4, 4), b1 (1, 4), W2, b2]` chained as 1-4-4-1
            one_input = sizes[0] == 1 and input_dim != 1
            # on a tie, biases made right after their weights: `U, c, V, d` of shapes
            # (10, 1), (10, 1), (1, 10), (1, 1) is weight, bias, weight, bias
            kept_orders = {o for o, _, _ in kept}
            after_weight = -sum(1 for o, _, _ in moved if made_before.get(o) in kept_orders)
            found.append(
                (one_input, _stems(kept), count, after_weight, (kept, moved_biases, layout, sizes))
            )
    if found:
        # `syn0, syn1, syn2` with `c0, c1, c2` of shapes (1, 12), (1, 6), (1, 1): moving two
        # of the c's chains too (syn2, syn1, syn0, c1 as 1-6-12-6-1), but weights that share
        # one name with a layer number are the layers, and the rest their biases
        return min(found, key=lambda option: option[:4])[4]
    return weights, biases, *_chain(weights, input_dim)  # raises with the shapes seen


def _stems(weights: list[tuple[int, str, np.ndarray]]) -> int:
    """How many names the weights go by, layer numbers aside (`syn` of `syn0`, `syn1`)."""
    return len({re.sub(r"[\d_]+$", "", _base_name(name)) or name for _, name, _ in weights})


# the array inside a parameter object (`layer.b.value`, `fc.weight.data`) tells no role
HOLDER_FIELDS = ("value", "data", "val", "array", "tensor")


def _base_name(name: str) -> str:
    """The name that tells the role: `params['W1']` -> W1, `weights[0]` -> weights,
    `self.hidden.b.value` -> b."""
    if "[" not in name:
        parts = name.split(".")
        while len(parts) > 1 and parts[-1] in HOLDER_FIELDS:
            parts.pop()
        return parts[-1]
    inside = name.split("[")[-1].strip("'\"]")
    if inside.lstrip("-").isdigit():
        return name.split("[")[0].split(".")[-1]
    return inside


def _is_weight_name(name: str) -> bool:
    return bool(WEIGHT_NAME.search(name)) and not name.lower().startswith("b")


def _order_by_layer(items: list[tuple[int, str, Any]]) -> list[tuple[int, str, Any]]:
    """Sort by the layer the name points at (W1, w_hidden, w_out); otherwise keep given order."""
    hints = [layer_hint(name.split(".")[-1]) for _, name, _ in items]
    if all(h is not None for h in hints) and len(set(hints)) == len(hints):
        return [item for _, item in sorted(zip(hints, items, strict=True), key=lambda p: p[0])]
    return items


def _chain(
    weights: list[tuple[int, str, np.ndarray]], input_dim: int | None
) -> tuple[str, list[int]]:
    shapes = [w.shape for _, _, w in weights]
    last = shapes[-1]
    candidates: list[str]
    if len(last) == 1:
        candidates = ["row", "column"]
    elif last[1] == 1 and last[0] != 1:
        candidates = ["row", "column"]  # (in columns, a vector of output weights)
    elif last[0] == 1 and last[1] != 1:
        candidates = ["column", "row"]  # (in rows, `out = A1 @ w.T` of a row vector w)
    else:
        candidates = ["row", "column"]
    if input_dim is not None and len(shapes[0]) == 2:
        preferred = [c for c in candidates if _fan_in(shapes[0], c) == input_dim]
        candidates = preferred + [c for c in candidates if c not in preferred]
    # the output's weights stored as the other vector, never an array named like a bias
    other_vector = not BIAS_NAME.search(_base_name(weights[-1][1]))
    for layout in candidates:
        sizes = _sizes(shapes, layout, other_vector)
        if sizes is not None:
            return layout, sizes
    raise StructureError(
        "the weight matrices do not chain into a network with one output: "
        + ", ".join(f"{name} {tuple(w.shape)}" for _, name, w in weights)
    )


def _fan_in(shape: tuple[int, ...], layout: str) -> int:
    if len(shape) == 1:
        return shape[0]
    return shape[0] if layout == "row" else shape[1]


def _sizes(
    shapes: list[tuple[int, ...]], layout: str, other_vector: bool = False
) -> list[int] | None:
    sizes: list[int] = []
    for index, shape in enumerate(shapes):
        if len(shape) == 1:
            if index != len(shapes) - 1:
                return None
            fan_in, fan_out = shape[0], 1
        elif (
            other_vector and index == len(shapes) - 1 and 1 in shape and shape[layout == "row"] != 1
        ):
            fan_in, fan_out = max(shape), 1  # the one output's weights as the other vector
        elif layout == "row":
            fan_in, fan_out = shape
        else:
            fan_out, fan_in = shape
        if sizes and sizes[-1] != fan_in:
            return None
        if not sizes:
            sizes.append(fan_in)
        sizes.append(fan_out)
    return sizes if sizes[-1] == 1 else None


def _assign_biases(
    biases: list[tuple[int, str, Any]], sizes: list[int]
) -> dict[int, tuple[str, Any]]:
    n_layers = len(sizes) - 1
    assigned: dict[int, tuple[str, Any]] = {}
    # vectors first: their size says their layer; a (1, 1) or a float fits any layer, and
    # taken first by position it could push a vector out (the output's bias made first)
    ordered = sorted(enumerate(biases), key=lambda item: int(np.asarray(item[1][2]).size) == 1)
    for position, (_, name, value) in ordered:
        hint = layer_hint(name.split(".")[-1].split("[")[-1])
        if hint is not None and "[" not in name:
            layer = min(hint, n_layers) - 1 if hint != 99 else n_layers - 1
        else:
            layer = position if len(biases) == n_layers else _layer_by_size(value, sizes, assigned)
        size = int(np.asarray(value).size)
        if layer in assigned or layer < 0 or size not in (1, sizes[layer + 1]):
            layer = _layer_by_size(value, sizes, assigned)
        if layer < 0:
            raise StructureError(
                f"cannot tell which layer the bias {name} {np.shape(value)} belongs to "
                f"(layer sizes {tuple(sizes)})"
            )
        assigned[layer] = (name, value)
    return assigned


def _layer_by_size(value: Any, sizes: list[int], taken: dict[int, Any]) -> int:
    size = int(np.asarray(value).size)
    for layer in range(len(sizes) - 1):
        if layer not in taken and sizes[layer + 1] == size:
            return layer
    for layer in range(len(sizes) - 1):
        if layer not in taken and size == 1:
            return layer
    return -1


def _describe(named: list[tuple[str, Any]]) -> str:
    return ", ".join(f"{name} {np.shape(value)}" for name, value in named) or "(nothing)"
