"""A bias the forward pass uses and the step never updates (`self.biases[1] -= ...` with
`self.biases[0]` left out): the step did not change it, so it is not among the changed
parameters, and the network would look like one without that bias. It is a parameter whose
gradient the step drops: it joins the parameters, and the check finds its gradient missing."""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.loops import update_keys
from netdoctor.discover.replay import Pass
from netdoctor.discover.state import Parameter, Slot
from netdoctor.discover.update_sites import carried_over_line, other_bias_update_line
from netdoctor.equal import same_array
from netdoctor.floats import user_errstate
from netdoctor.structure import StructureError, infer_structure

NUDGE = 0.37  # added to the candidate: any use of it in the forward pass moves the step


def frozen_biases(runner: Pass, parameters: list[Parameter]) -> list[Parameter]:
    """Bias-named arrays kept beside the parameters (in the same list, dict or object) that
    the step does not change but that change what the step does."""
    known = {id(s.original) for p in parameters for s in p.slots}
    homes = {id(s.owner) for p in parameters for s in p.slots if s.kind in ("item", "attr")}
    scopes = {id(s.owner) for p in parameters for s in p.slots if s.kind == "name"}
    widths = _widths_without_bias(parameters)
    found: list[Parameter] = []
    for slot in runner.step.slots:
        if id(slot.original) in known:
            continue
        if not (_bias_like(slot) or _unnamed_bias(slot, widths)):
            continue
        beside = id(slot.owner) in (scopes if slot.kind == "name" else homes)
        if beside and _moves_the_step(runner, parameters, slot):
            found.append(Parameter(slot.label, [slot], slot))
            known.add(id(slot.original))
    return found


def _widths_without_bias(parameters: list[Parameter]) -> set[int]:
    """The widths of the layers the changed parameters give no bias."""
    named = [(p.label, p.before) for p in parameters]
    try:
        structure = infer_structure(named, None)
    except StructureError:
        return set()
    return {
        structure.layer_sizes[layer + 1]
        for layer in range(structure.n_layers)
        if not structure.has_bias(layer)
    }


def _unnamed_bias(slot: Slot, widths: set[int]) -> bool:
    """`c` of `np.tanh(x @ U + c)`, named like nothing: a vector one bias-less layer wide
    (the step's own response to it decides, in `_moves_the_step`)."""
    value = slot.original
    if not _vector(value) or value.size < 2:
        return False
    return value.size in widths and not naming.NOT_PARAMETER_NAME.match(_base_name(slot))


def _bias_like(slot: Slot) -> bool:
    return _vector(slot.original) and bool(naming.BIAS_NAME.search(_base_name(slot)))


def _vector(value: Any) -> bool:
    """A float array one row or column wide: the shapes a bias comes in."""
    return (
        isinstance(value, np.ndarray)
        and value.dtype.kind == "f"
        and value.size > 0
        and (value.ndim == 1 or (value.ndim == 2 and 1 in value.shape))
    )


def _base_name(slot: Slot) -> str:
    """`b1` of `b1`, `self.b1`, `self.biases[0]` (`biases`), and of `params["b1"]` (its
    key)."""
    if slot.kind == "item" and isinstance(slot.key, str):
        return slot.key
    return slot.label.split("[")[0].split(".")[-1]


def _moves_the_step(runner: Pass, parameters: list[Parameter], slot: Slot) -> bool:
    """Whether the parameters come out of one pass differently when only `slot` differs."""
    candidate = Parameter(slot.label, [slot], slot)
    probe = Pass(runner.step, runner.code, runner.statements, [*parameters, candidate], runner.path)
    values = {p.label: p.before for p in parameters}
    nudged = np.asarray(slot.copy, dtype=np.float64) + NUDGE
    outcomes = []
    for value in (slot.copy, nudged.astype(slot.copy.dtype)):
        try:
            with user_errstate():
                local = probe.run({**values, slot.label: np.array(value, copy=True)})
        except Exception:
            runner.scope()
            return False
        if not same_array(probe.read(slot, local), value):
            runner.scope()
            return False  # the step changes it (a momentum buffer, a running value)
        outcomes.append([np.array(probe.read(p.primary, local), copy=True) for p in parameters])
    runner.scope()  # every slot back as the observed pass left it
    return any(not same_array(a, b) for a, b in zip(*outcomes, strict=True))


def sibling_update_line(tree: ast.Module, label: str) -> int | None:
    """Where the update of a never-updated bias belongs: the line that copies it across
    unchanged (`b1 = p["b1"]` among the updates), else the first update of another bias
    named in the statement (`b2 = parameters["b2"] - ...`), else the first line updating
    what holds it (`self.biases[1] -= ...` for `self.biases[0]`), else another bias."""
    by_name = carried_over_line(tree, label) or other_bias_update_line(tree, label)
    if by_name is not None:
        return by_name
    holder = label.split("[")[0].split(".")[-1]
    updates = update_keys(tree)
    for line, key in updates:
        if key == holder and "[" in label:
            return line
    for line, key in updates:
        if key != holder and naming.BIAS_NAME.search(key):
            return line
    return None
