"""The user's network as the judge sees it: data from the worker, and calls answered by it.

Discovery runs in the worker, beside the user's code; what it found travels as data (the
structure, the data arrays, the initial values, the notes) and each of the Subject's
callables (claimed gradients, forward pass, losses) becomes a request to the worker,
whose answer is numbers. The judge runs the same checks on this Subject as the Python API
runs on an in-process one, so every verdict is computed where user code cannot reach it.

Exceptions cross as data too: netdoctor's own kinds (UserCodeError, DiscoveryError, ...)
and Python's built-in ones are rebuilt as such, any other type as an Exception subclass
of the same name, so the checks' `except` clauses and messages behave as in one process.
"""

from __future__ import annotations

import builtins
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from netdoctor.discover.common import DiscoveryError, UserCodeError, user_frames
from netdoctor.load import LoadError, SkippedStatement
from netdoctor.structure import NetworkStructure, ParameterSlot, StructureError
from netdoctor.subject import ClaimedGradients, ParameterValues, Subject, UserFunction
from netdoctor.trace import Assignment, HelperCall, Trace


@dataclass(frozen=True)
class LabelBroadcast:
    """`discover.broadcast.Broadcast` as the judge holds it: where (m,) labels met (m, 1)
    outputs in the loop's arithmetic."""

    line: int
    text: str
    left: tuple[int, ...]
    right: tuple[int, ...]


ROLES = ("claimed", "training_claimed", "forward", "loss", "output_loss", "loop_loss")
# Fields the user's callables may change after discovery: sent back with each answer.
SCALAR_FIELDS = (
    "learning_rate",
    "file_learning_rate",
    "per_sample",
    "loss_hint",
    "loss_hint_reduction",
    "squared_hint",
    "labels_line",
    "inputs_line",
)
GROWING_FIELDS = ("data_failures", "never_updated", "update_slips", "parameter_lines")
PLAIN_FIELDS = (
    "style",
    "returned_gradients",
    "description",
    "data_source",
    "user_dtype",
    "data_failures",
    "user_Y_shape",
    "all_inputs",
    "all_targets",
    "never_updated",
    "update_slips",
    "parameter_lines",
    "path",
    "own_run_raised",
    *SCALAR_FIELDS,
)


# -- the worker's side: a Subject as data ---------------------------------------------


def subject_data(subject: Subject) -> dict[str, Any]:
    """Everything of the Subject but its callables, and which callables it has."""
    data = {name: getattr(subject, name) for name in PLAIN_FIELDS}
    data.update(
        structure={
            "slots": [
                (s.name, s.kind, s.layer, s.shape, s.is_python_scalar, s.dtype)
                for s in subject.structure.slots
            ],
            "layout": subject.structure.layout,
            "layer_sizes": subject.structure.layer_sizes,
        },
        initial=subject.initial,
        X=subject.X,
        Y=subject.Y,
        notes=list(subject.notes),
        functions=[(f.name, f.line, f.role) for f in subject.functions],
        label_broadcasts=[(b.line, b.text, b.left, b.right) for b in subject.label_broadcasts],
        roles=[role for role in ROLES if subject.role_callable(role) is not None],
        output_loss_name=subject.output_loss[0] if subject.output_loss else None,
    )
    return data


def changed_fields(subject: Subject, shipped: dict[str, Any]) -> dict[str, Any]:
    """What the last call changed of the Subject's data (new notes, a learning rate it
    found), against `shipped`, which is brought up to date."""
    changes: dict[str, Any] = {}
    if len(subject.notes) > shipped.get("notes", 0):
        changes["new_notes"] = list(subject.notes[shipped.get("notes", 0) :])
        shipped["notes"] = len(subject.notes)
    for name in SCALAR_FIELDS:
        value = getattr(subject, name)
        if shipped.get(name, value) != value:
            changes[name] = value
        shipped[name] = value
    for name in GROWING_FIELDS:  # lists and dicts a claim adds to (a slip found on its way)
        value = getattr(subject, name)
        if len(value) != shipped.get(name, 0):
            changes[name] = value
            shipped[name] = len(value)
    return changes


def error_data(error: BaseException, path: str = "") -> dict[str, Any]:
    """An exception as data: its type, message, arguments and what netdoctor's own
    exceptions carry (the user's frames, a kind, a line)."""
    data: dict[str, Any] = {
        "type": type(error).__name__,
        "message": str(error),
        "traceback": "".join(traceback.format_exception(error, limit=8)),
    }
    if all(isinstance(a, str | int | float) and not isinstance(a, bool) for a in error.args):
        data["args"] = list(error.args)
    if isinstance(error, UserCodeError):
        data["inner"] = error_data(error.error)
        data["frames"] = [list(f) for f in error.frames]
        data["line"] = error.line
    elif isinstance(error, DiscoveryError | LoadError):
        data["kind"] = error.kind
        data["line"] = error.line
    elif isinstance(error, SystemExit):
        frames = user_frames(error, path) if path else []
        data["line"] = frames[-1][0] if frames else None
        data["code"] = error.code if isinstance(error.code, int | str | None) else str(error.code)
    return data


def trace_data(trace: Trace) -> dict[str, Any]:
    return {
        "assignments": [
            (a.line, a.name, a.value, a.in_place, a.function) for a in trace.assignments
        ],
        "calls": [(c.line, c.helper, c.helper_line) for c in trace.calls],
        "entries": [(a.line, a.name, a.value, a.in_place, a.function) for a in trace.entries],
    }


# -- the judge's side: data back into objects ---------------------------------------


class UserExit(SystemExit):
    """The user's code called sys.exit() in the worker, at `line`."""

    def __init__(self, code: Any, line: int | None) -> None:
        super().__init__(code)
        self.line = line


_NAMED: dict[str, type[BaseException]] = {}
_OWN: dict[str, type[Exception]] = {
    "UserCodeError": UserCodeError,
    "DiscoveryError": DiscoveryError,
    "LoadError": LoadError,
    "StructureError": StructureError,
}


def rebuilt_error(data: dict[str, Any]) -> BaseException:
    """The exception `error_data` described, of the same kind wherever the checks can tell."""
    name = str(data.get("type", "Exception"))
    message = str(data.get("message", ""))
    error: BaseException
    if name == "UserCodeError":
        error = UserCodeError.__new__(UserCodeError)
        Exception.__init__(error, message)
        error.error = rebuilt_error(dict(data.get("inner") or {}))
        error.frames = [(int(a), str(b), str(c)) for a, b, c in data.get("frames") or []]
        error.line = _line(data.get("line"))
    elif name in ("DiscoveryError", "LoadError"):
        error = _OWN[name](
            str(data.get("kind", "no-network")), message, line=_line(data.get("line"))
        )
    elif name in ("SystemExit", "UserExit"):
        error = UserExit(data.get("code"), _line(data.get("line")))
    elif name == "KeyboardInterrupt":
        error = KeyboardInterrupt()
    else:
        kind = _OWN.get(name) or _builtin(name) or _named(name)
        try:
            error = kind(*data["args"]) if "args" in data else kind(message)
        except Exception:
            error = _named(name)(message)
    error.remote_traceback = str(data.get("traceback", ""))  # type: ignore[attr-defined]
    return error


def _line(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _builtin(name: str) -> type[BaseException] | None:
    kind = getattr(builtins, name, None)
    if isinstance(kind, type) and issubclass(kind, Exception) and kind.__module__ == "builtins":
        return kind
    return None


def _named(name: str) -> type[BaseException]:
    """An Exception subclass called `name` (the user's own exception types, numpy's)."""
    if not name.isidentifier():
        name = "UserError"
    if name not in _NAMED:
        _NAMED[name] = type(name, (Exception,), {"__module__": "user"})
    return _NAMED[name]


def rebuilt_trace(data: dict[str, Any]) -> Trace:
    return Trace(
        [
            Assignment(int(line), str(name), value, bool(in_place), str(function))
            for line, name, value, in_place, function in data["assignments"]
        ],
        [HelperCall(int(a), str(b), int(c)) for a, b, c in data["calls"]],
        [
            Assignment(int(line), str(name), value, bool(in_place), str(function))
            for line, name, value, in_place, function in data.get("entries", [])
        ],
    )


def rebuilt_claim(value: Any) -> ClaimedGradients:
    gradients, mutated = value
    if not isinstance(gradients, dict):
        raise TypeError("claimed gradients are not a mapping")
    return ClaimedGradients(gradients=gradients, mutated=[str(m) for m in mutated])


Ask = Callable[[dict[str, Any]], Any]


class Channel(Protocol):
    """The judge's end (`judge.Channel`): `ask` sends a request and returns the answer's
    value, raising what the user's code raised; `ask_ahead` sends one whose answer
    `collect` returns later."""

    def ask(self, request: dict[str, Any]) -> Any: ...

    def ask_ahead(self, request: dict[str, Any]) -> None: ...

    def collect(self) -> Any: ...


def remote_subject(data: dict[str, Any], channel: Channel, number: int) -> Subject:
    """The Subject the worker found, whose callables ask the worker."""
    ask = channel.ask
    slots = tuple(
        ParameterSlot(str(n), str(k), int(layer), tuple(int(d) for d in shape), bool(py), str(dt))
        for n, k, layer, shape, py, dt in data["structure"]["slots"]
    )
    structure = NetworkStructure(
        slots,
        str(data["structure"]["layout"]),
        tuple(int(n) for n in data["structure"]["layer_sizes"]),
    )
    roles = set(data["roles"])
    subject = Subject(
        style=str(data["style"]),
        description=str(data["description"]),
        structure=structure,
        initial=dict(data["initial"]),
        X=data["X"],
        Y=data["Y"],
        data_source=str(data["data_source"]),
        claimed=lambda values: rebuilt_claim(_call(ask, number, "claimed", values)),
    )
    if "training_claimed" in roles:
        subject.training_claimed = lambda values: rebuilt_claim(
            _call(ask, number, "training_claimed", values)
        )
    for role in ("forward", "loss", "loop_loss"):
        if role in roles:
            setattr(subject, role, _caller(ask, number, role))
    if "output_loss" in roles:
        subject.output_loss = (str(data["output_loss_name"]), _caller(ask, number, "output_loss"))
    for name in PLAIN_FIELDS:
        if name in data:
            setattr(subject, name, data[name])
    subject.notes = [str(n) for n in data["notes"]]
    subject.functions = [
        UserFunction(str(n), int(line), str(r)) for n, line, r in data["functions"]
    ]
    subject.label_broadcasts = [
        LabelBroadcast(int(line), str(text), tuple(left), tuple(right))
        for line, text, left, right in data["label_broadcasts"]
    ]
    subject.tracer = lambda role, args: rebuilt_trace(
        ask({"op": "trace", "subject": number, "role": role, "args": list(args)})
    )
    subject.training_steps = lambda rate: StepsAhead(channel, number, subject, rate)
    return subject


class StepsAhead:
    """The recorded training's steps (`record.Step`), run by the worker a batch ahead:
    while the judge records one batch, the worker computes the next from where it stands
    (the same update, `record.gradient_step`, on the same numbers). A call with other
    values than the last step's result starts again from those."""

    def __init__(self, channel: Channel, number: int, subject: Subject, rate: float) -> None:
        self.channel, self.number, self.subject, self.rate = channel, number, subject, rate
        self.queue: deque[tuple[str, Any]] = deque()
        self.expected: Any = None  # the values the next queued claim was computed from

    def __call__(self, values: ParameterValues) -> tuple[ParameterValues, dict[str, Any]]:
        from netdoctor.record import gradient_step

        if values is not self.expected:
            self.queue.clear()
            request = {"op": "steps", "subject": self.number, "values": values}
            self._take(self.channel.ask({**request, "rate": self.rate}))
        elif not self.queue:
            self._take(self.channel.collect())
        kind, item = self.queue.popleft()
        if kind != "ok":
            self.expected = None
            raise rebuilt_error(dict(item))
        claimed = dict(item)
        self.expected = gradient_step(self.subject, values, claimed, self.rate)
        return self.expected, claimed

    def _take(self, batch: Any) -> None:
        steps, more = batch
        self.queue.extend((str(kind), item) for kind, item in steps)
        if more:  # the worker goes on from where it stands while these are recorded
            self.channel.ask_ahead({"op": "continue", "subject": self.number})
        elif not steps:
            raise TypeError("the worker ran no training step")


def _caller(ask: Ask, number: int, role: str) -> Callable[..., Any]:
    return lambda *args: _call(ask, number, role, *args)


def _call(ask: Ask, number: int, role: str, *args: Any) -> Any:
    return ask({"op": "call", "subject": number, "role": role, "args": list(args)})


def apply_changes(subject: Subject, changes: dict[str, Any]) -> None:
    """What a call changed of the Subject in the worker, done to the judge's copy."""
    subject.notes.extend(str(n) for n in changes.get("new_notes", ()))
    for name in SCALAR_FIELDS:
        if name in changes:
            setattr(subject, name, changes[name])
    for name in GROWING_FIELDS:
        if name in changes:
            setattr(subject, name, changes[name])


@dataclass
class RemoteModule:
    """What the checks read of the loaded module: its lines and what load skipped."""

    lines: list[str]
    skipped: list[SkippedStatement] = field(default_factory=list)
    failed: list[SkippedStatement] = field(default_factory=list)


@dataclass
class RemoteDiscovery:
    subject: Subject
    module: RemoteModule
    how: str
    loop_line: int | None
    loops: tuple[list[int], list[int]]  # (other training loops, copies of this one)

    def later_loops(self) -> tuple[list[int], list[int]]:
        return self.loops


def statements(rows: Any) -> list[SkippedStatement]:
    return [SkippedStatement(int(line), str(source), str(reason)) for line, source, reason in rows]
