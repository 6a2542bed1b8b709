"""Which of a pass's changed values are parameters: arrays grouped by identity (aliases are
one parameter), kept when the file updates them from their own value, or, when its syntax
shows no update, when they are not data, gradients kept beside the weights, or copies
kept aside."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from netdoctor.discover.state import (
    Parameter,
    Slot,
    is_float_slot,
    is_scalar_parameter,
    number_list,
)
from netdoctor.discover.stepping import ANY_ATTR, ANY_ITEM
from netdoctor.naming import (
    CACHE_NAMES,
    GRADIENT_HOLDER_NAME,
    GRADIENT_NAME,
    NOT_PARAMETER_NAME,
    SAVED_COPY_NAME,
)

LABEL_PREFERENCE = {"attr": 0, "item": 1, "vector": 1, "name": 2, "cell": 3}


def changed_parameters(
    slots: list[Slot],
    exclude: set[str] | None = None,
    updated: set[str] | None = None,
    ran: set[str] | None = None,
    stepped: set[str] | None = None,
    batches: frozenset[str] = frozenset(),
) -> list[Parameter]:
    """Group changed slots by the array they held; aliases of one array are one parameter.

    `updated` holds the names the file updates from their own value (`W -= ...`,
    `self.W = self.W - ...`, `params[k] -= ...`): a changed array that the file only ever
    overwrites (`self.output = sigmoid(...)`) is a forward value, not a parameter.
    `ran` holds the names whose update statement ran in the pass: they count as changed
    even when their value did not move (a step whose gradients are exactly 0). `batches`
    are names the pass binds to slices of other arrays: never weights by themselves.
    """
    exclude = exclude or set()
    ran = ran or set()
    groups: dict[int, list[Slot]] = {}
    for slot in slots:
        if is_float_slot(slot):
            # a number is a parameter only when named like one (`b2 = 0.0`; loss totals are
            # floats too) or placed in a neuron (discover.neurons); equal floats are not
            # aliases (`b1, b2 = 0.0, 0.0` may be one object)
            # and updated from its own value when the file's updates are known
            # (`best_val, bad_epochs = val_cost, 0` of early stopping only overwrites)
            # or stepped at the weights' rate (`d -= eta * delta_o`, see loops.stepped_names)
            named = (
                is_scalar_parameter(str(slot.key), slot.copy)
                or (
                    slot.kind in ("name", "attr")
                    and str(slot.key) in (stepped or set())
                    and not NOT_PARAMETER_NAME.match(str(slot.key))
                )
                or _beside_parameter_arrays(slot)
            )
            # (`out["b"] -= lr * g` steps the float by its key through a local alias)
            keyed = slot.kind == "item" and f"key:{slot.key}" in (updated or set())
            if named and (
                not updated or _update_key(slot) in updated or keyed or _in_a_neuron(slot)
            ):
                groups[id(slot)] = [slot]
            continue
        groups.setdefault(id(slot.original), []).append(slot)
    moved_roots = {_root(s.label) for s in slots if s.kind in _HELD and s.changed()}

    def moved_beside(slot: Slot) -> bool:
        """An update that ran but moved nothing (a gradient of exactly 0) counts where the
        same object or container moved something else (`self.params["b2"]` beside
        `self.params["W1"]`, a zero-initialised first layer beside the last in
        `self.layers`): an update naming `params` ran for this network's dict, not for
        another network's of the same name (`tiny.params` of a gradient check). A step
        that moved nothing at all (zero weights on XOR) says nothing either way."""
        return slot.kind not in _HELD or not moved_roots or _root(slot.label) in moved_roots

    parameters: list[Parameter] = []
    for group in groups.values():
        changed = [
            s
            for s in group
            if (s.changed() or (_update_ran(s, ran) and _same_shape(s) and moved_beside(s)))
            and s.label not in exclude
        ]
        if not changed or _a_loss_total(changed[0]):
            continue
        # one entry changed, as a history array's does, or a neuron's weights after a
        # sample with one input on (`[0, 1, 0]`): the file's updates tell them apart
        if not _looks_updated(changed[0]) and not (updated and _was_updated(changed[0], updated)):
            continue
        primary = min(
            changed, key=lambda s: (LABEL_PREFERENCE[s.kind], _in_a_cache(s.label), len(s.label))
        )
        parameters.append(Parameter(primary.label, group, primary))
    if updated:
        parameters = [
            p
            for p in parameters
            if not _only_rebound_as_name(p, updated, exclude) and not _made_afresh(p, updated)
        ]
        # not through a loop's variable left holding the last item (`for param, grad in
        # model.parameters()` at top level) nor a value flowing through (`p = forward(X)`)
        kept = [
            p
            for p in parameters
            if any(_was_updated(s, updated) for s in p.slots if s.label not in exclude)
        ]
        kept = _weights_beside_buffers(_without_saved_copies(kept), parameters)
        if kept:
            return kept
    # No update the syntax shows: what changed may still be weights (`np.subtract(W, g,
    # out=W)`, `for param, grad in model.parameters(): param -= lr * grad`), but not the
    # data a loader's loop fills (`X[ix] = np.c_[...]`), nor the gradients a layer keeps
    # (`self.dW[...] = ...`) beside the weights they move
    loose = [
        p
        for p in parameters
        if not NOT_PARAMETER_NAME.match(_update_key(p.primary))
        and not (updated and all(_keyed_out(s, updated) for s in p.slots))
        # nor a name the pass binds to a slice of the data (`xb, yb = data[rows], ...`),
        # the one array that moves where the weights are objects no slot sees
        and not (p.primary.kind == "name" and str(p.primary.key) in batches)
    ]
    moved = [
        p
        for p in loose
        if not GRADIENT_NAME.match(_update_key(p.primary))
        and not SAVED_COPY_NAME.match(_update_key(p.primary))  # `best_weights = ...copy()`
    ]
    return moved or loose


def _weights_beside_buffers(kept: list[Parameter], moved: list[Parameter]) -> list[Parameter]:
    """Gradient buffers summed in place (`self.grad["W"] += ...` after `zero_grad()`) look
    updated from their own value; weights an optimizer steps through an alias (`p =
    getattr(model, k); p -= lr * g`) may not. Each buffer gives way to the array that moved
    under its name (`self.hidden_w` for `self.grad['hidden_w']`, `self.U` for `self.dU`,
    `_w['W']` for `_g['W']`) with its shape; with one buffer unmatched, nothing changes."""
    names = {_last_name(p) for p in moved}
    buffers = [p for p in kept if _gradient_named(p) or _named_after_another(p, names)]
    if not buffers:
        return kept
    result = [p for p in kept if p not in buffers]
    for buffer in buffers:
        wanted = {_last_name(buffer), _without_prefix(_last_name(buffer))}
        partner = next(
            (
                p
                for p in moved
                if p not in buffers
                and not _gradient_named(p)
                and _last_name(p).lstrip("_") in wanted
                and np.shape(p.primary.copy) == np.shape(buffer.primary.copy)
            ),
            None,
        )
        if partner is None:
            return kept
        if partner not in result:
            result.append(partner)
    return result


def _parts(label: str) -> list[str]:
    """The names a label is made of: `self`, `model`, `grad`, `W1` of `self.model.grad['W1']`."""
    return re.findall(r"\w+", label)


def _last_name(parameter: Parameter) -> str:
    found = _parts(parameter.primary.label)
    return found[-1] if found else ""


def _without_prefix(name: str) -> str:
    match = _GRADIENT_PREFIX.match(name)
    return match.group(2) if match else name


def _gradient_named(parameter: Parameter) -> bool:
    """`self.grad['W1']`, `self.dW1`, `grads[0]`, `self._g['W']`: some part of the label
    names a gradient."""
    parts = _parts(parameter.primary.label)  # (a holder `_g`; a bias may be `d`)
    return any(GRADIENT_NAME.match(part) for part in parts) or any(
        GRADIENT_HOLDER_NAME.match(part) for part in parts[:-1]
    )


def _named_after_another(parameter: Parameter, names: set[str]) -> bool:
    """`self.dU` beside `self.U`, `g_V` beside `V`: another array's name with a gradient's
    prefix."""
    match = _GRADIENT_PREFIX.match(_last_name(parameter))
    return match is not None and match.group(2) in names


_GRADIENT_PREFIX = re.compile(r"^(d_?|g_?|grad_?)(\w+)$")


def _without_saved_copies(parameters: list[Parameter]) -> list[Parameter]:
    """Without the arrays of a copy kept for early stopping (`best_w = self.w.copy()`, a
    Weights object whose `best_w.W1` changes whenever the validation loss improves, or
    `best_theta = theta.copy()` itself) where the weights it copies are there too: the copy
    is never what the network computes with."""

    def a_copy(part: str) -> bool:
        """`best_w`, `prev`; not `last` or `last_layer` (a network's last layer)."""
        return bool(SAVED_COPY_NAME.match(part)) and not _LAST_LAYER.match(part)

    def saved(parameter: Parameter) -> bool:
        return all(
            any(a_copy(part) for part in _parts(slot.label)[:-1]) for slot in parameter.slots
        )

    def saved_under_own_name(parameter: Parameter) -> str | None:
        """`best_theta` of `best_theta = theta.copy()`: the name it saves, `theta`."""
        name = _last_name(parameter)
        match = SAVED_COPY_NAME.match(name)
        return name[match.end() :] if match and match.end() < len(name) else None

    live = {_last_name(p) for p in parameters if not saved(p)}
    return [
        p
        for p in parameters
        if not (saved(p) and _last_name(p) in live) and saved_under_own_name(p) not in live
    ]


_LAST_LAYER = re.compile(r"^last(_?(layer|unit|neuron|node|dense|fc|out\w*))?$", re.IGNORECASE)
_LOSS_TOTAL = re.compile(r"^(j|j_\w*|loss\w*|cost\w*)$", re.IGNORECASE)


def _a_loss_total(slot: Slot) -> bool:
    """`J = J + (-y[t] * np.log(a_3) - ...)` summed over the examples: the course's cost,
    an array of one number, changes every pass like a weight, and is none."""
    return bool(_LOSS_TOTAL.match(_update_key(slot))) and np.size(slot.copy) == 1


def _in_a_neuron(slot: Slot) -> bool:
    """`neuron['bias']` beside `neuron['weights']`, a list of numbers: a neuron kept as a
    dict, updated through the loop's variable (`neuron['bias'] += lr * neuron['delta']`)."""
    return (
        slot.kind == "item"
        and isinstance(slot.owner, dict)
        and any(number_list(value) for value in slot.owner.values())
    )


def _was_updated(slot: Slot, updated: set[str]) -> bool:
    """An attribute counts only with an update that can reach an attribute
    (`loops.updated_names`' `attr:` keys); names and items by their key."""
    if _held_by_an_attribute(slot):
        holder = slot.label.split(".")[0].split("[")[0]  # `params = sgd(params, g, lr)`
        key = _update_key(slot)
        if f"attr:{key}" in updated or holder in updated:
            return True
        # stepped under a name known only when it runs (`for p, g in model.parameters(): p
        # -= lr * g`): any attribute (`_made_afresh` leaves out a forward's caches)
        return ANY_ATTR in updated
    key = _update_key(slot)
    if _keyed_out(slot, updated):
        return False
    if key in updated:
        return True
    return (  # likewise an item of a container (`layers["hidden"]["weight"]`), not a cache's
        slot.kind == "item"
        and ANY_ITEM in updated
        and not NOT_PARAMETER_NAME.match(key)
        and not NOT_PARAMETER_NAME.match(str(slot.key))
    )


def _held_by_an_attribute(slot: Slot) -> bool:
    """An attribute's value: an array or number (`self.W`), or a list of numbers a neuron
    object holds (`self.weights`, and `self.xs`, the inputs its forward keeps)."""
    return slot.kind == "attr" or (slot.kind == "vector" and bool(_ATTRIBUTE.search(slot.label)))


_ATTRIBUTE = re.compile(r"\.\w+$")


def _made_afresh(parameter: Parameter, updated: set[str]) -> bool:
    """Attributes a method sets afresh (`self._x = x` of a layer's forward), by the slots
    that changed: the array a forward keeps may also be the data the file has under its own
    name (`evaluate(X, y)` before training leaves `self._x` holding `X`), unchanged, or the
    batch the loop rebinds (`xb`), which moves with it but is never updated."""
    moved = [s for s in parameter.slots if s.changed()] or parameter.slots
    attributes = [s for s in moved if s.kind == "attr"]
    # the batch it was handed, a name the loop rebinds (`xb = X[idx]`), moved with it
    names = [s for s in moved if s.kind != "attr"]
    return (
        bool(attributes)
        and all(f"fresh:{s.key}" in updated for s in attributes)
        and not any(_update_key(s) in updated for s in names)
    )


def _keyed_out(slot: Slot, updated: set[str]) -> bool:
    """An item under a key that a loop or a function writes anew and no update names,
    where every item update names its key (`s["z"] = a @ s["pesi"]` of a forward beside
    `s["pesi"] -= lr * g`): a forward's cache, no parameter. A key only the network's
    maker writes (`params["W1"] = ...` in `init`, stepped through `W1 = params["W1"]`)
    is not one."""
    keyed = {u[4:] for u in updated if u.startswith("key:")}
    return (
        slot.kind == "item"
        and isinstance(slot.key, str)
        and bool(keyed)
        and "*" not in keyed
        and slot.key not in keyed
        and f"afresh:{slot.key}" in updated
    )


def _only_rebound_as_name(parameter: Parameter, updated: set[str], exclude: set[str]) -> bool:
    """Object attributes whose name the file updates only as a plain name (`self.out`, with
    `out = layer.forward(out)` the only update of an `out`): values the forward caches,
    whatever flowing name (`xs` of `xs = layer(xs)`, `exclude`) holds them as well."""
    slots = [s for s in parameter.slots if s.label not in exclude] or parameter.slots
    return (
        all(_held_by_an_attribute(s) for s in slots)
        and any(_update_key(s) in updated for s in slots)
        and not any(_was_updated(s, updated) for s in slots)
    )


def _beside_parameter_arrays(slot: Slot) -> bool:
    """A float in a list of float arrays (`weights = [W1, b1, W2, 0.0]`, updated as
    `weights[i] -= lr * grads[i]`), or in a namedtuple of them rebuilt each step
    (`p._replace(bo=p.bo - lr * e, ...)`): the output bias of a list of parameters."""
    named_tuple = isinstance(slot.owner, tuple) and hasattr(slot.owner, "_fields")
    return (
        slot.kind == "item"
        and (type(slot.owner) is list or named_tuple)
        and not NOT_PARAMETER_NAME.match(_update_key(slot))
        and any(isinstance(v, np.ndarray) and v.dtype.kind == "f" for v in slot.owner)
    )


def _update_key(slot: Slot) -> str:
    if slot.kind in ("item", "vector") and slot.parent is not None:  # `b1[j] -= ...`
        return slot.parent[1]
    if slot.kind == "item":
        return slot.label.split("[")[0].split(".")[-1]
    return str(slot.key)


def _looks_updated(slot: Slot) -> bool:
    """A history array filled one entry per step (`losses[epoch] = loss`) is not a parameter."""
    now = np.asarray(slot.current())
    if isinstance(slot.copy, float | np.floating):
        return True
    if now.ndim == 1 and now.size >= 3:
        differing = int(np.sum(~np.isclose(now, slot.copy, equal_nan=True)))
        return differing != 1  # 0: its update ran and moved nothing (see `ran`)
    return True


def _update_ran(slot: Slot, ran: set[str]) -> bool:
    """Whether the slot's update ran in the pass: by its name, or, for a method's `self.w
    -= ...`, on the object the slot belongs to (`w@<id>`)."""
    key = _update_key(slot)
    # (a neuron's list of weights: the neuron holds it, `self.weights[i] = ...`)
    return key in ran or f"{key}@{id(slot.owner)}" in ran or f"{key}@{id(_holder(slot))}" in ran


_HELD = ("item", "attr", "vector")  # values held by an object or a container


def _root(label: str) -> str:
    """What holds a value, by its label: `self.params` of `self.params['W1']` and of
    `self.params['W1'][0]`, `self` of `self.W1`, `net` of `net.W1`."""
    return label.split("[")[0] if "[" in label else label.rsplit(".", 1)[0]


def _holder(slot: Slot) -> Any:
    """The object or container a value sits in: a list of numbers, in the object holding it."""
    return slot.parent[0] if slot.kind == "vector" and slot.parent is not None else slot.owner


def _same_shape(slot: Slot) -> bool:
    now = slot.current()
    if isinstance(slot.copy, float | np.floating):
        return isinstance(now, float | np.floating)
    if slot.kind == "vector" and isinstance(now, list):  # a neuron's list of float weights
        return len(now) == np.size(slot.copy) and all(isinstance(v, float) for v in now)
    return isinstance(now, np.ndarray) and now.dtype.kind == "f" and now.shape == slot.copy.shape


def _in_a_cache(label: str) -> bool:
    """`cache[2]`, the same array as `parameters['W1']` in the course's cache tuple: the
    parameter goes by the container the update writes, not by the forward's cache."""
    return label.split("[")[0].split(".")[-1] in CACHE_NAMES
