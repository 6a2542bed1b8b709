"""Snapshots of the state a training step can change, and what one step changed.

Parameters are recognised by role, not by name: an array is a parameter when it existed
before a training step and the step changed it. The state that outlives a step is the
loop's frame (its locals, or the module's globals), the attributes of objects of the
user's own classes, and the items of dicts and lists holding arrays. A `Slot` is one
place an array lives (`W1`, `self.W1`, `params['W1']`, `self.weights[0]`); the same array
may live in several (an alias `W1 = self.W1`), and a step must install new values in all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import FunctionType, SimpleNamespace
from typing import Any

import numpy as np

from netdoctor.discover.routes import Attr, descend, set_along, set_attribute, unreachable
from netdoctor.equal import same_array
from netdoctor.naming import (
    BIAS_NAME,
    NOT_PARAMETER_NAME,
    WEIGHT_NAME,
)
from netdoctor.objects import attributes

MAX_SNAPSHOT_ELEMENTS = 20_000_000  # arrays larger than this are data, never copied twice


@dataclass
class Slot:
    """One place that holds an array: a name in a scope, an attribute, a container item, or
    a closure's cell (`nonlocal W1` in a `step` that `make_network()` returned)."""

    label: str  # what reports call it: W1, self.W1, params['W1'], nn.weights[0]
    # "name", "attr", "item", "cell", "vector" (a list of numbers, `b1 = [0.0] * 3`, or of
    # rows of numbers, `W1[i][j]`)
    kind: str
    owner: Any  # the scope dict, the object, the container, or the cell
    key: Any  # the name, the attribute or the key/index
    original: Any  # the array (or Python float) that was there at the snapshot
    copy: Any  # its value at the snapshot
    # (scope, name) of a named container or object rebound to a new one each step, or
    # (object, attribute) of a list an object rebinds (`self.weights = [w - ...]`)
    parent: tuple[Any, str] | None = None
    # the keys from the parent's container down to `owner`, for containers nested in
    # containers (`params = [(W1, b1), (W2, b2)]`, `net["hidden"]["W"]`): () when direct
    route: tuple[Any, ...] = ()
    # the copy the last `restore` put here: while it is still here and still equal to the
    # snapshot, the next restore has nothing to do
    installed: Any = None

    def holder(self) -> Any:
        """The container or object the value lives in now: a dict rebuilt each step
        (`params = {k: params[k] - lr * g[k] ...}`), a new `Params` each step
        (`p = dataclasses.replace(p, ...)`) or a new list in an attribute is read through
        the name."""
        if self.parent is not None:
            try:
                now = descend(self._parent_value(), self.route)
            except (KeyError, IndexError, TypeError, AttributeError):
                return self.owner
            if type(now) is type(self.owner) or _sequences(now, self.owner):
                return now  # (`init` returned a tuple, the update returns a list)
        return self.owner

    def _parent_value(self) -> Any:
        """What the parent's name (or attribute) holds now."""
        assert self.parent is not None
        where, name = self.parent
        return where.get(name) if isinstance(where, dict) else getattr(where, name, None)

    def rebind(self, container: Any) -> None:
        """Bind the parent's name to a rebuilt container (a tuple cannot change in place)."""
        if self.parent is None:
            raise TypeError("a tuple's item cannot be replaced")
        where, name = self.parent
        if isinstance(where, dict):
            where[name] = container
        else:
            setattr(where, name, container)

    def current(self) -> Any:
        try:
            if self.kind == "attr":
                return getattr(self.holder(), self.key)
            if self.kind == "item":
                return self.holder()[self.key]
            if self.kind == "cell":
                return self.owner.cell_contents
            if self.kind == "vector":  # a list of numbers, read as the array it stands for
                rebound = self._parent_value() if self.parent is not None else None
                if isinstance(rebound, np.ndarray):  # `b = b + lr * db` made it an array
                    return rebound
                return np.asarray(self.holder(), dtype=np.float64)
            return self.owner[self.key]
        except (AttributeError, KeyError, IndexError, TypeError, ValueError):
            return None

    def install(self, value: Any) -> None:
        if self.kind == "attr":
            set_attribute(self.holder(), self.key, value)
        elif self.kind == "item":
            container, route = self.holder(), ()
            if self.route:
                top = self._parent_value() if self.parent is not None else None
                if self.parent is not None and not unreachable(top, self.route, container):
                    container, route = top, self.route  # written through the name
                elif isinstance(container, tuple):
                    return  # a nested tuple no longer reached: nothing to write
            rebuilt = set_along(container, route, self.key, value)
            if rebuilt is not container:  # a tuple rebuilt, and the name bound to the new one
                self.rebind(rebuilt)
        elif self.kind == "cell":
            self.owner.cell_contents = value
        elif self.kind == "vector":  # the user's list keeps its identity: filled in place
            numbers = np.asarray(value, dtype=np.float64)
            holder = self.holder()
            if self.parent is not None and self._parent_value() is not self.owner:
                # the pass made the name an array (`b_h = b_h + ...`): the list again
                self.rebind(self.owner)
                holder = self.owner
            if _holds(holder, numbers):  # unchanged: its ints stay ints (`self.sizes`)
                return
            if numbers.ndim == 2 and all(isinstance(row, list) for row in holder):
                for row, new in zip(holder, numbers, strict=False):  # `W1[i][j]`: row by row
                    row[:] = [float(v) for v in new]
            else:
                holder[:] = [float(v) for v in numbers.ravel()]
        else:
            self.owner[self.key] = value

    def changed(self) -> bool:
        """Whether the value here now differs from the snapshot (in place or rebound)."""
        now = self.current()
        if isinstance(self.copy, float | np.floating):
            return isinstance(now, float | np.floating) and float(now) != self.copy
        if not isinstance(now, np.ndarray) or now.dtype.kind != "f":
            return False
        if now.shape != self.copy.shape:
            # `b1 = b1 - lr * db1` with db1 of shape (m, h): the bias grew by broadcasting
            try:
                return np.broadcast_shapes(now.shape, self.copy.shape) == now.shape
            except ValueError:
                return False
        if not same_array(now, self.copy):
            return True
        # Weights already NaN (NaN in the data, a step that diverged) stay NaN under every
        # update: NaN where the snapshot was NaN still counts as a pass that wrote them.
        return bool(np.isnan(now).any())


def is_array_state(value: Any) -> bool:
    return (
        isinstance(value, np.ndarray)
        and value.dtype.kind == "f"
        and 1 <= value.ndim <= 2
        and value.size <= MAX_SNAPSHOT_ELEMENTS
    )


def is_scalar_parameter(name: str, value: Any) -> bool:
    """A Python float named like a bias or weight (`b2 = 0.0`): loss totals are floats too."""
    return (
        isinstance(value, float | np.floating)
        and bool(BIAS_NAME.search(name) or WEIGHT_NAME.search(name))
        and not NOT_PARAMETER_NAME.match(name)
    )


def is_float_slot(slot: Slot) -> bool:
    return isinstance(slot.copy, float | np.floating)


def snapshot(
    scopes: Iterable[tuple[str, dict[str, Any]]], user_types: tuple[type, ...]
) -> list[Slot]:
    """Every float array reachable from the scopes, one level into containers and objects.

    `scopes` are (prefix, mapping) pairs: ("", frame locals), ("", module globals).
    """
    slots: list[Slot] = []
    seen_objects: set[int] = set()
    named: set[str] = set()
    for prefix, scope in scopes:
        for name, value in list(scope.items()):
            if name.startswith("__") or f"{prefix}{name}" in named:
                # a global the function's own local of that name hides (a notebook's test
                # cell `p = initialize_parameters(4)` beside `nn_model`'s `p`): one label,
                # one array, the one the step reads
                continue
            named.add(f"{prefix}{name}")
            label = f"{prefix}{name}"
            if is_array_state(value):
                slots.append(Slot(label, "name", scope, name, value, value.copy()))
            elif isinstance(value, float | np.floating):  # a parameter only when named or placed so
                slots.append(Slot(label, "name", scope, name, value, value))
            elif isinstance(value, FunctionType):
                _closure_cells(value, slots, seen_objects, user_types)
            elif number_list(value) or _number_rows(value):
                slots.append(_vector_slot(label, value, (scope, name)))
            else:
                first = len(slots)
                _containers(label, value, slots, user_types, seen_objects, depth=0)
                for slot in slots[first:]:
                    if slot.kind == "vector" and slot.parent is not None:
                        continue  # read through the dict or object that holds the list
                    # (not an array a function in the container closes over: `theta` of
                    # `net = {"step": step, ...}` is reached through the closure only)
                    within = slot.kind not in ("item", "attr") or _reaches(value, slot)
                    if (isinstance(value, dict | list | tuple) and within) or _reaches(value, slot):
                        slot.parent = (scope, name)
    return slots


def _closure_cells(
    function: FunctionType, slots: list[Slot], seen: set[int], user_types: tuple[type, ...]
) -> None:
    """The arrays a function of the user's file closes over (`W1` in the `step` that
    `make_network()` returned, or the items of its `Ws` list), each cell once however
    many functions share it."""
    if function.__module__ != "__main__" or not function.__closure__:
        return
    for name, cell in zip(function.__code__.co_freevars, function.__closure__, strict=True):
        if id(cell) in seen:
            continue
        seen.add(id(cell))
        try:
            value = cell.cell_contents
        except ValueError:  # not bound yet
            continue
        if is_array_state(value):
            slots.append(Slot(name, "cell", cell, name, value, value.copy()))
        elif isinstance(value, list | dict):  # updated in place: `Ws[k] -= lr * g`
            _containers(name, value, slots, user_types, seen, depth=0)


# network.hidden.neurons[0].weights: an object, its list, the objects in it, their arrays;
# trainer.model.layers[0].params[0]: one more (a layer's list of its own arrays)
CONTAINER_DEPTH = 4


def _containers(
    label: str,
    value: Any,
    slots: list[Slot],
    user_types: tuple[type, ...],
    seen: set[int],
    depth: int,
) -> None:
    if depth > CONTAINER_DEPTH or id(value) in seen:
        return
    if isinstance(value, dict):
        seen.add(id(value))
        for key, item in list(value.items())[:64]:
            if not isinstance(key, str | int) and not _simple_tuple(key):
                continue  # `net[(1, "W")]`: a tuple of names and numbers is a key too
            if is_array_state(item):
                slots.append(Slot(f"{label}[{key!r}]", "item", value, key, item, item.copy()))
            elif isinstance(item, float | np.floating):  # `{k: 0.0 ...}`, `np.float32(0)`
                slots.append(Slot(f"{label}[{key!r}]", "item", value, key, item, item))
            elif number_list(item) or _number_rows(item):  # a neuron's `{'weights': [...]}`
                slots.append(_vector_slot(f"{label}[{key!r}]", item, (value, key)))
            elif isinstance(item, dict | list | tuple):  # net["hidden"]["W"]
                _nested(f"{label}[{key!r}]", key, item, slots, user_types, seen, depth)
            elif isinstance(item, FunctionType):  # `net["step"]`: a closure over `theta`
                _closure_cells(item, slots, seen, user_types)
    elif isinstance(value, list | tuple) and value and len(value) <= 64:
        seen.add(id(value))
        fields = getattr(value, "_fields", None)  # a namedtuple's items read as p.W1
        for index, item in enumerate(value):
            where = f"{label}.{fields[index]}" if fields else f"{label}[{index}]"
            if is_array_state(item):
                slots.append(Slot(where, "item", value, index, item, item.copy()))
            elif isinstance(item, float | np.floating) and (fields or not isinstance(value, tuple)):
                slots.append(Slot(where, "item", value, index, item, item))  # [W1, b1, W2, 0.0]
            elif user_types and isinstance(item, user_types):  # [Dense(2, 3), Tanh(), ...]
                first = len(slots)
                _containers(f"{label}[{index}]", item, slots, user_types, seen, depth + 1)
                for slot in slots[first:]:  # read through the list: `net = [replace(l, W=...)
                    # for l in net]` each step; a namedtuple of the file's holds items
                    if _reaches(item, slot):
                        slot.route = (index, *slot.route)
            elif isinstance(item, dict | list | tuple):  # [(W1, b1), (W2, b2)]
                _nested(where, index, item, slots, user_types, seen, depth)
    elif user_types and (
        isinstance(value, user_types) or (isinstance(value, type) and value in user_types)
    ):
        # an object of the file's classes, or the class itself: `class Net: W1 = ...`
        # updated as `cls.W1 -= ...` or `Net.W1 -= ...`
        seen.add(id(value))
        for attr, item in list(attributes(value).items()):
            if attr.startswith("__"):
                continue
            if is_array_state(item):
                slots.append(Slot(f"{label}.{attr}", "attr", value, attr, item, item.copy()))
            elif isinstance(item, float | np.floating):
                slots.append(Slot(f"{label}.{attr}", "attr", value, attr, item, item))
            elif number_list(item) or _number_rows(item):  # `self.b1 = [0.0] * n_hidden`
                slots.append(_vector_slot(f"{label}.{attr}", item, (value, attr)))
            else:
                first = len(slots)
                _containers(f"{label}.{attr}", item, slots, user_types, seen, depth + 1)
                for slot in slots[first:]:
                    if isinstance(item, dict | list | tuple) and _reaches(item, slot):
                        slot.parent = (value, attr)
                    elif slot.parent is None and _reaches(item, slot):
                        # `net.hidden.w` of a frozen `Net` rebuilt each step with new
                        # `Layer`s: read and written through `net` by way of `hidden`
                        slot.route = (Attr(attr), *slot.route)


def _simple_tuple(key: Any) -> bool:
    return (
        isinstance(key, tuple) and 0 < len(key) <= 4 and all(isinstance(k, str | int) for k in key)
    )


def _number_rows(value: Any) -> bool:
    """A list of equally long lists of numbers (`W1 = [[random.uniform(-1, 1) for _ in
    range(h)] for _ in range(n)]`): a weight matrix written without NumPy."""
    return (
        type(value) is list
        and 1 <= len(value) <= 1024
        and all(number_list(row) for row in value)
        and len({len(row) for row in value}) == 1
        and any(isinstance(v, float | np.floating) for row in value for v in row)
    )


def number_list(value: Any) -> bool:
    """A list of Python numbers, one per unit (`b1 = [0.0, 0.0, 0.0]`), at least one a
    float or all to become floats: a bias (or weight row) written without NumPy."""
    return (
        type(value) is list
        and 1 <= len(value) <= 4096
        and all(
            isinstance(v, int | float | np.floating | np.integer) and not isinstance(v, bool)
            for v in value
        )
    )


def _holds(numbers: Any, values: np.ndarray) -> bool:
    try:
        return bool(np.array_equal(np.asarray(numbers, dtype=np.float64), values))
    except (ValueError, TypeError):
        return False


def _vector_slot(label: str, numbers: list[Any], parent: tuple[Any, str]) -> Slot:
    """A list of numbers as a slot, read through the name that holds it (`parent`)."""
    return Slot(
        label, "vector", numbers, None, numbers, np.asarray(numbers, dtype=np.float64), parent
    )


def _nested(
    label: str,
    key: Any,
    item: Any,
    slots: list[Slot],
    user_types: tuple[type, ...],
    seen: set[int],
    depth: int,
) -> None:
    """The arrays of a container inside a container, each slot told the way down to it
    (its `route`), so a step that rebuilds the outer one (`params = [(W - lr * dW, ...)
    for ...]`) is read and written through the name."""
    first = len(slots)
    _containers(label, item, slots, user_types, seen, depth + 1)
    for slot in slots[first:]:
        if _reaches(item, slot):
            slot.route = (key, *slot.route)


def _reaches(container: Any, slot: Slot) -> bool:
    """Whether `slot` is an item (or an object's attribute) reached from `container`
    by its route: keys of containers, and objects' attributes (`Attr` steps)."""
    if slot.kind not in ("item", "attr"):
        return False
    try:
        return descend(container, slot.route) is slot.owner
    except (KeyError, IndexError, TypeError, AttributeError):
        return False


@dataclass
class Parameter:
    """A parameter found by role: one array, every slot that holds it, the one that changed."""

    label: str
    slots: list[Slot]
    primary: Slot

    @property
    def before(self) -> np.ndarray:
        return self.primary.copy


def restore(slots: list[Slot], installed_next: frozenset[int] = frozenset()) -> None:
    """Put a fresh copy of every snapshot value back where it was (the step's start).

    A value held only in slots the caller fills right after (`installed_next`, ids: a pass
    installs its parameter values there) is not copied back first. Slots that held one
    array get one copy: a layer's `self.dW` and the `self.grads` list holding it stay one
    array, as the backward pass that fills one and the update that reads the other need.

    An array the previous restore installed, still in each of its places and bit for bit
    the snapshot, is left there: a pass that only reads 400 `(x, y)` pairs (Nielsen's
    style) no longer pays 400 copies and tuple rebuilds, most of such a check's time."""
    copies: dict[int, Any] = {}
    groups: dict[int, list[Slot]] = {}
    for slot in slots:
        if isinstance(slot.copy, np.ndarray):
            groups.setdefault(id(slot.original), []).append(slot)
    kept = {
        key: all(id(slot) in installed_next for slot in group) or _still_installed(group)
        for key, group in groups.items()
    }
    for slot in slots:
        if id(slot) in installed_next and not isinstance(slot.copy, np.ndarray):
            continue  # a number the caller installs
        if isinstance(slot.copy, np.ndarray):
            key = id(slot.original)
            if kept[key]:
                continue
            value = copies.get(key)
            if value is None:
                value = copies[key] = slot.copy.copy()
        else:
            value = slot.copy
        try:
            slot.install(value)
        except (TypeError, KeyError, IndexError, AttributeError):
            slot.installed = None
            continue
        slot.installed = value if isinstance(value, np.ndarray) else None


# Kinds whose place holds the installed object itself (a "vector" slot fills a list)
_HELD_AS_IS = ("name", "attr", "item", "cell")


def _still_installed(group: list[Slot]) -> bool:
    """Whether every slot of one array still holds the copy the last restore put there,
    unchanged: the same object in each place, the snapshot's shape, type and bytes."""
    value = group[0].installed
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "biufc":
        return False
    for slot in group:
        if slot.installed is not value or slot.kind not in _HELD_AS_IS:
            return False
        if slot.current() is not value:
            return False
    snapshot = group[0].copy
    if value.shape != snapshot.shape or value.dtype != snapshot.dtype:
        return False
    if value.nbytes > 65536 and value.nbytes % 8 == 0 and snapshot.flags.c_contiguous:
        # a data set: compared as 64-bit words, without the two copies tobytes makes
        words = (value.reshape(-1).view(np.uint64), snapshot.reshape(-1).view(np.uint64))
        return bool(np.array_equal(*words))
    return value.tobytes() == np.ascontiguousarray(snapshot).tobytes()


def user_types(namespace: dict[str, Any]) -> tuple[type, ...]:
    """The file's own classes that isinstance() accepts (a `TypedDict` or a Protocol raises),
    and SimpleNamespace."""
    name = namespace.get("__name__")
    own = tuple(
        v
        for v in list(namespace.values())
        if isinstance(v, type) and v.__module__ == name and _checkable(v)
    )
    return (*own, SimpleNamespace)  # `net = SimpleNamespace(W1=..., b1=...)` holds weights too


def _checkable(cls: type) -> bool:
    try:
        isinstance(None, cls)
    except TypeError:
        return False
    return True


def _sequences(now: Any, before: Any) -> bool:
    """A list where a tuple was, or a tuple where a list was: the same items by index."""
    return isinstance(now, list | tuple) and isinstance(before, list | tuple)
