"""Line-level provenance: which line of the user's code built which array.

The user's gradient computation is re-run under `sys.settrace`, restricted to frames of
the user's file. After each line, the arrays that line bound (locals, and attributes of
`self`) are recorded with a copy of their value; calls from one user line into a user
helper are recorded too, so a finding can say "`d_sigmoid` (line 12) is called at line
37". Matching recorded values against the reference's and the mutant's intermediates is
pure and lives in `first_line_building`.
"""

from __future__ import annotations

import dis
import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import CodeType, FrameType
from typing import Any

import numpy as np

from netdoctor.compare import best_scale
from netdoctor.equal import same_array
from netdoctor.objects import attributes

MAX_RECORDED = 5000
# a list's arrays are watched item by item (a delta formed inside `[...]` has no name of
# its own); a longer list is data, not a layer's values
MAX_LIST_ITEMS = 16  # assignments kept per run: a long per-sample loop stops recording there


@dataclass(frozen=True)
class Assignment:
    line: int
    name: str
    value: np.ndarray
    in_place: bool = False  # the same array object, changed: `a[a > 0] = 1`, `W -= ...`
    function: str = ""  # the user function whose frame bound it


@dataclass(frozen=True)
class HelperCall:
    line: int  # where the call is, in the caller
    helper: str
    helper_line: int


@dataclass
class Trace:
    assignments: list[Assignment] = field(default_factory=list)
    calls: list[HelperCall] = field(default_factory=list)
    # a dict's arrays set anew (`grads["db1"] = ...`): not assignments (a `grads['db2']`
    # entry would take the place of the `db2` line that formed it), but where a value
    # that no name holds was made
    entries: list[Assignment] = field(default_factory=list)

    def bound_to_names(self) -> Trace:
        """Without what functions returned: a helper called twice (`nonlin(layer(x))`)
        returns the doubled value too, but the slip is the caller's line that binds it."""
        return Trace([a for a in self.assignments if not a.name.startswith("return")])


def _arrays(frame: FrameType) -> dict[str, Any]:
    """The numbers and numeric arrays a frame holds (not `axes`, an array of objects)."""
    return {k: v for k, v in _held(frame).items() if _numeric(v)}


def _numeric(value: Any) -> bool:
    return not isinstance(value, np.ndarray) or value.dtype.kind in "biufc"


def _held(frame: FrameType) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, value in list(frame.f_locals.items()):
        if isinstance(value, np.ndarray | float | np.floating) and not name.startswith("__"):
            found[name] = value
        elif name == "self" and hasattr(value, "__dict__"):
            for attr, item in list(attributes(value).items()):  # a neuron's `self.delta`
                if isinstance(item, np.ndarray | float | np.floating):
                    found[f"self.{attr}"] = item
                elif isinstance(item, dict):  # a layer's `self.grads["W"] = ...`
                    found.update(_keyed_arrays(f"self.{attr}", item))
        elif isinstance(value, dict) and not name.startswith("__"):  # params['W1'] -= ...
            for key, item in list(value.items()):  # and a neuron dict's `neuron['delta']`
                if isinstance(key, str) and isinstance(item, np.ndarray | float | np.floating):
                    found[f"{name}[{key!r}]"] = item
                elif isinstance(key, str) and isinstance(item, dict):  # g['layer1']['w']
                    found.update(_keyed_arrays(f"{name}[{key!r}]", item))
        elif isinstance(value, list) and len(value) <= MAX_LIST_ITEMS and name[:1] != "_":
            for index, item in enumerate(value):  # deltas = [(a - y) * a * (1 - a)]
                if isinstance(item, np.ndarray | np.floating):  # nabla_b[-1] = np.sum(d)
                    found[f"{name}[{index}]"] = item
    if frame.f_code.co_name != "<module>":  # `global W1` ... `W1 += lr * g` inside a function
        for name in _stored_globals(frame.f_code):
            value = frame.f_globals.get(name)
            if isinstance(value, np.ndarray | float | np.floating) and name not in found:
                found[name] = value
    return found


def _keyed_arrays(label: str, mapping: dict[Any, Any]) -> dict[str, np.ndarray]:
    """`label['key']` -> array, for a dict's first string-keyed arrays."""
    return {
        f"{label}[{key!r}]": entry
        for key, entry in list(mapping.items())[:MAX_LIST_ITEMS]
        if isinstance(key, str) and isinstance(entry, np.ndarray)
    }


@functools.cache
def _stored_globals(code: CodeType) -> tuple[str, ...]:
    """The module-level names a function assigns (`global w_ih` then `w_ih += ...`): only
    these may change under it, so only these are watched (not every global it reads)."""
    return tuple(
        dict.fromkeys(
            str(instruction.argval)
            for instruction in dis.get_instructions(code)
            if instruction.opname == "STORE_GLOBAL"
        )
    )


# how a holder is reached from a frame's names: ("name", x), ("attr", a), ("item", local
# name or constant); `self.hidden[j]` is name self, attr hidden, item j
Step = tuple[str, Any]


@functools.cache
def _attribute_stores(
    code: CodeType,
) -> dict[int, tuple[tuple[tuple[Step, ...], str, str], ...]]:
    """Line -> (holder, attribute, the label a trace gives it) of each `obj.attr = ...` on
    an object other than `self` itself (whose attributes are watched whole): a neuron a loop
    walks keeps its delta there (`neuron.delta = (neuron.output - t) * ...`), and so does
    the output unit a network holds (`self.out.delta = o - t`, `self.layers[1].delta =
    ...`), where no name holds it. Once per code object: the tracer asks at every line."""
    found: dict[int, list[tuple[tuple[Step, ...], str, str]]] = {}
    instructions = list(dis.get_instructions(code))
    for index, instruction in enumerate(instructions):
        if (
            instruction.opname == "STORE_ATTR"
            and instruction.positions is not None
            and instruction.positions.lineno is not None
        ):
            holder = _holder_path(instructions, index)
            if holder is not None and holder != (("name", "self"),):
                attribute = str(instruction.argval)
                store = (holder, attribute, f"{_holder_text(holder)}.{attribute}")
                found.setdefault(instruction.positions.lineno, []).append(store)
    return {line: tuple(pairs) for line, pairs in found.items()}


def _holder_path(instructions: list[dis.Instruction], store: int) -> tuple[Step, ...] | None:
    """The object a STORE_ATTR stores on, read backwards: a name, then attributes and items
    indexed by a local or a constant. None for anything else (a call's result, ...)."""
    steps: list[Step] = []
    index = store - 1
    while index >= 0:
        instruction = instructions[index]
        if instruction.opname == "LOAD_ATTR":
            steps.append(("attr", str(instruction.argval)))
        elif instruction.opname == "BINARY_SUBSCR" and index >= 1:
            key = instructions[index - 1]
            if key.opname not in ("LOAD_FAST", "LOAD_CONST"):
                return None
            kind = "local" if key.opname == "LOAD_FAST" else "constant"
            steps.append(("item", (kind, key.argval)))
            index -= 1
        elif instruction.opname in ("LOAD_FAST", "LOAD_NAME", "LOAD_GLOBAL", "LOAD_DEREF"):
            steps.append(("name", str(instruction.argval)))
            return tuple(reversed(steps))
        else:
            return None
        index -= 1
    return None


def _reached(frame: FrameType, holder: tuple[Step, ...]) -> Any:
    """The object `holder` names in `frame` now, or None where a step fails."""
    value: Any = None
    try:
        for kind, key in holder:
            if kind == "name":
                value = frame.f_locals.get(key, frame.f_globals.get(key))
            elif kind == "attr":
                value = getattr(value, key)
            else:
                item_kind, item = key
                value = value[frame.f_locals.get(item) if item_kind == "local" else item]
    except Exception:  # a holder that cannot be reached again is no value to record
        return None
    return value


def _holder_text(holder: tuple[Step, ...]) -> str:
    text = ""
    for kind, key in holder:
        if kind == "name":
            text = str(key)
        elif kind == "attr":
            text += f".{key}"
        else:
            text += f"[{key[1]!r}]" if key[0] == "constant" else f"[{key[1]}]"
    return text


def _changed(before: Any, after: Any) -> bool:
    if before is after:
        return False
    if isinstance(before, np.ndarray) and isinstance(after, np.ndarray):
        return not same_array(before, after)
    return True


def trace_call(run: Callable[[], Any], filename: str) -> Trace:
    """Run `run()` with line tracing in frames of `filename`; exceptions propagate."""
    trace = Trace()
    snapshots: dict[int, tuple[int, dict[str, Any]]] = {}

    def record(frame: FrameType) -> None:
        key = id(frame)
        now = _arrays(frame)
        if key not in snapshots and frame.f_code.co_name == "<module>":
            # A script's loop body runs among the globals its last run left: what exists
            # before the first line is not an assignment of this run.
            snapshots[key] = (frame.f_lineno, {k: (id(v), _snapshot(v)) for k, v in now.items()})
            return
        previous_line, before = snapshots.get(key, (frame.f_lineno, {}))
        # what compared equal keeps its copy: a copy per array per line was a fifth of a
        # large network's check, and almost every array is unchanged at almost every line
        unchanged: dict[str, tuple[int, Any]] = {}
        if len(trace.assignments) < MAX_RECORDED:
            for name, value in now.items():
                rebound = name in before and before[name][0] != id(value)
                if name in before and not rebound and not _changed(before[name][1], value):
                    unchanged[name] = before[name]
                else:
                    in_place = bool(name in before and before[name][0] == id(value))
                    if name.endswith("']") and not in_place and isinstance(value, np.ndarray):
                        # a dict's arrays count only as updated in place (its numbers,
                        # `neuron['delta'] = ...`, as set: they cannot change in place); one
                        # set anew (`g["b1"] = dZ1.sum(axis=0)`) is kept apart, for a value
                        # no name holds
                        if len(trace.entries) < MAX_RECORDED:
                            copy = np.array(value, dtype=np.float64, copy=True)
                            trace.entries.append(
                                Assignment(previous_line, name, copy, False, frame.f_code.co_name)
                            )
                        continue
                    copy = np.array(value, dtype=np.float64, copy=True)
                    trace.assignments.append(
                        Assignment(previous_line, name, copy, in_place, frame.f_code.co_name)
                    )
        stores = _attribute_stores(frame.f_code).get(previous_line, ())
        for holder, attribute, label in stores:  # `neuron.delta = ...` on a neuron object
            value = getattr(_reached(frame, holder), attribute, None)
            if isinstance(value, np.ndarray | float | np.floating) and _numeric(value):
                if len(trace.assignments) < MAX_RECORDED:
                    copy = np.array(value, dtype=np.float64, copy=True)
                    trace.assignments.append(
                        Assignment(
                            previous_line,
                            label,
                            copy,
                            False,
                            frame.f_code.co_name,
                        )
                    )
        snapshots[key] = (
            frame.f_lineno,
            {k: unchanged.get(k) or (id(v), _snapshot(v)) for k, v in now.items()},
        )

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        if event in ("line", "return"):
            record(frame)
        if event == "return":
            snapshots.pop(id(frame), None)
            # `return {"dW1": 2 * dW1}` forms values no variable holds: record them too.
            for name, value in _returned(arg, "return"):
                if len(trace.assignments) < MAX_RECORDED:
                    copy = np.array(value, dtype=np.float64, copy=True)
                    trace.assignments.append(
                        Assignment(frame.f_lineno, name, copy, False, frame.f_code.co_name)
                    )
        return local

    def global_tracer(frame: FrameType, event: str, arg: Any) -> Any:
        if event != "call" or frame.f_code.co_filename != filename:
            return None
        caller = frame.f_back
        if caller is not None and caller.f_code.co_filename == filename:
            trace.calls.append(
                HelperCall(caller.f_lineno, frame.f_code.co_name, frame.f_code.co_firstlineno)
            )
        snapshots[id(frame)] = (
            frame.f_lineno,
            {k: (id(v), _snapshot(v)) for k, v in _arrays(frame).items()},
        )
        return local

    previous = sys.gettrace()
    sys.settrace(global_tracer)
    try:
        run()
    finally:
        sys.settrace(previous)
    return trace


def _returned(value: Any, label: str) -> list[tuple[str, np.ndarray]]:
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
        return [(label, value)]
    if isinstance(value, float | np.floating):
        return [(label, np.asarray(value, dtype=np.float64))]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _returned(v, f"{label}[{k!r}]")]
    if isinstance(value, tuple | list):
        return [p for i, v in enumerate(value) for p in _returned(v, f"{label}[{i}]")]
    return []


def _snapshot(value: Any) -> Any:
    return value.copy() if isinstance(value, np.ndarray) else value


def _candidates(target: np.ndarray, m: int, signed: bool = False) -> list[np.ndarray]:
    """Forms the same intermediate takes in user code: transposed, averaged, one sample, and
    negated (code that writes `error = y - output` and updates with `+=` carries every
    delta with the opposite sign), unless the sign is what is looked for."""
    forms = [target, target / m]
    if target.ndim == 2:
        forms += [target.T, target.T / m, target[:1], target[:1].T, target[0]]
    return forms if signed else forms + [-form for form in forms]


def _same(value: np.ndarray, target: np.ndarray, m: int, rtol: float, signed: bool = False) -> bool:
    for form in _candidates(target, m, signed):
        if value.size != form.size or value.size == 0:
            continue
        left = value.reshape(-1)
        right = np.asarray(form, dtype=np.float64).reshape(-1)
        if not np.all(np.isfinite(right)):
            continue
        scale = max(float(np.max(np.abs(right))), 1e-30)
        if np.all(np.isfinite(left)) and float(np.max(np.abs(left - right))) <= rtol * scale:
            return True
    return False


def same_value(value: np.ndarray, target: np.ndarray, m: int, rtol: float = 1e-6) -> bool:
    """Whether `value` is `target` in one of its usual forms (transposed, one sample's row)."""
    return _same(np.asarray(value, dtype=np.float64), target, m, rtol)


def _distance(value: np.ndarray, target: np.ndarray, m: int, signed: bool) -> float:
    """How far the value is from the target in its nearest usual form."""
    gaps = [
        float(np.max(np.abs(value.reshape(-1) - np.asarray(form, dtype=np.float64).reshape(-1))))
        for form in _candidates(target, m, signed)
        if form.size == value.size and value.size
    ]
    return min(gaps, default=float("inf"))


def first_line_building(
    trace: Trace,
    wrong: np.ndarray,
    right: np.ndarray,
    m: int,
    rtol: float = 1e-6,
    after_line: int = 0,
    in_function: str | None = None,
    signed: bool = False,
) -> Assignment | None:
    """The first recorded assignment equal to `wrong` (in any usual form) and not to `right`.

    `signed`: the sign tells wrong from right (a sign-flip bug), so negated forms of the
    targets do not count."""
    for assignment in trace.assignments:
        if in_function is not None and assignment.function != in_function:
            continue
        if assignment.line <= after_line and after_line:
            continue
        value = assignment.value
        if _same(value, wrong, m, rtol, signed) and not _same(value, right, m, rtol, signed):
            return assignment
    for assignment in trace.assignments:  # wrong and right alike to rtol (tiny weights:
        # 1 - z^2 and 1 - tanh(z)^2 differ by z^4): the first nearer the wrong one
        if in_function is not None and assignment.function != in_function:
            continue
        if assignment.line <= after_line and after_line:
            continue
        value = assignment.value
        if _same(value, wrong, m, rtol, signed) and _distance(value, wrong, m, signed) < 0.1 * (
            _distance(value, right, m, signed)
        ):
            return assignment
    if wrong.size > 1:  # a network of scalar weights forms each unit's delta on its own line
        first_wrong, first_right = wrong.reshape(-1)[:1], right.reshape(-1)[:1]
        if first_wrong[0] != 0 and not _same(first_wrong, first_right, 1, rtol):
            for assignment in trace.assignments:
                if in_function is not None and assignment.function != in_function:
                    continue
                if assignment.value.size == 1 and _same(assignment.value, first_wrong, 1, rtol):
                    return assignment
    return None


def first_in_place_change(trace: Trace) -> Assignment | None:
    return next((a for a in trace.assignments if a.in_place), None)


def first_non_finite(trace: Trace) -> Assignment | None:
    """The first operation whose result holds NaN or inf: where a NaN starts."""
    return next((a for a in trace.assignments if not np.all(np.isfinite(a.value))), None)


def helpers_called_at(trace: Trace, line: int) -> list[HelperCall]:
    # by name and line: every `<lambda>` is named alike (a generic layer's one call line
    # runs the tanh layer's lambda and the sigmoid layer's)
    seen: dict[tuple[str, int], HelperCall] = {}
    for call in trace.calls:
        if call.line == line and (call.helper, call.helper_line) not in seen:
            seen[call.helper, call.helper_line] = call
    return list(seen.values())


def first_line_equal_to(
    trace: Trace, values: Sequence[np.ndarray], m: int, rtol: float = 1e-9
) -> Assignment | None:
    """The first assignment equal to any of `values` (a wrong gradient, say)."""
    for assignment in trace.assignments:
        if any(_same(assignment.value, v, m, rtol) for v in values):
            return assignment
    return None


def first_proportional(assignments: list[Assignment], values: np.ndarray) -> Assignment | None:
    """The first assignment that is `values` up to one positive factor."""
    for assignment in assignments:
        held = np.asarray(assignment.value, dtype=np.float64).reshape(-1)
        if held.size != values.size or not np.all(np.isfinite(held)):
            continue
        factor = best_scale(held, values)
        if (
            factor is not None
            and factor > 0
            and float(np.max(np.abs(held - factor * values))) <= 1e-9 * float(np.max(np.abs(held)))
        ):
            return assignment
    return None
