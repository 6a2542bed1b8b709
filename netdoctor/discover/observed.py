"""From one observed training step to a Subject: run the user's step as their program does.

The step is one pass of the loop body in which parameters changed. Checks re-run exactly
that pass, on the user's own data as it was at that moment, from any parameter values:
the world (data, attributes, containers, globals) is put back as it was at the start of
the pass, the values are installed wherever the user keeps them, and the body runs. When
a call in the pass returned the gradients (`grads = backward(...)`), its return value is
the claim; otherwise the claim is (before - after) / learning rate.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import CodeType
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.binding import match_results
from netdoctor.discover.common import UserCodeError
from netdoctor.discover.follow import CallRecord, LoopStep, Observation
from netdoctor.discover.rate import learning_rate_of_step
from netdoctor.discover.state import Parameter, Slot, restore
from netdoctor.floats import user_errstate
from netdoctor.structure import StructureError, infer_structure
from netdoctor.subject import ClaimedGradients, ParameterValues, Subject, UserFunction


@dataclass
class _Pass:
    """One pass of the loop body, runnable from any parameter values."""

    step: LoopStep
    code: CodeType
    statements: list[CodeType]
    parameters: list[Parameter]
    path: str

    def scope(self) -> tuple[dict[str, Any], dict[str, Any]]:
        restore(self.step.slots)
        if self.step.is_module:
            return self.step.globals, self.step.globals
        local = {
            k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in self.step.locals.items()
        }
        return self.step.globals, local

    def install(self, values: ParameterValues, local: dict[str, Any]) -> dict[str, Any]:
        """Put fresh copies of `values` wherever the user keeps them; returns the copies."""
        installed: dict[str, Any] = {}
        for parameter in self.parameters:
            value = values[parameter.label]
            value = value.copy() if isinstance(value, np.ndarray) else value
            installed[parameter.label] = value
            for slot in parameter.slots:
                if slot.kind == "name" and not self.step.is_module and slot.key in local:
                    local[slot.key] = value
                elif slot.kind == "name" and slot.owner is self.step.globals:
                    self.step.globals[slot.key] = value
                elif slot.kind != "name":
                    slot.install(value)
        return installed

    def read(self, slot: Slot, local: dict[str, Any]) -> Any:
        if slot.kind == "name" and not self.step.is_module and slot.key in local:
            return local[slot.key]
        if slot.kind == "name":
            return self.step.globals.get(slot.key)
        return slot.current()

    def run(
        self,
        values: ParameterValues,
        upto: int | None = None,
        capture: _ReturnCapture | None = None,
    ) -> dict[str, Any]:
        globals_, local = self.scope()
        installed = self.install(values, local)
        if capture is not None:
            capture.watch(installed, values)
        codes = [self.code] if upto is None else self.statements[:upto]
        for code in codes:
            exec(code, globals_, local)
        return local


def _compile_pass(body: list[ast.stmt], path: str) -> tuple[CodeType, list[CodeType]]:
    """The body as one code object, inside a one-pass loop so `break`/`continue` still work."""

    def wrap(statements: list[ast.stmt]) -> CodeType:
        loop = ast.For(
            target=ast.Name("__netdoctor_pass", ast.Store()),
            iter=ast.Tuple([ast.Constant(0)], ast.Load()),
            body=statements,
            orelse=[],
        )
        ast.copy_location(loop, statements[0])
        module = ast.Module(body=[loop], type_ignores=[])
        ast.fix_missing_locations(module)
        return compile(module, path, "exec")

    return wrap(body), [wrap([s]) for s in body]


def loop_subject(observation: Observation, tree: ast.Module) -> Subject:
    step = observation.step
    assert step is not None
    path = observation.path
    body = step.loop.node.body
    try:
        code, statements = _compile_pass(body, path)
    except SyntaxError as error:  # a `return` or `yield` inside the loop body
        raise StructureError(
            f"the training loop's body cannot be run on its own: {error}"
        ) from None
    parameters = _order(step.parameters)
    runner = _Pass(step, code, statements, parameters, path)
    gradient_call = _returns_gradients(runner, _gradient_call(observation, step))
    initial = {p.label: _copy(p.before) for p in parameters}
    named = [(p.label, initial[p.label]) for p in parameters]
    rate, rate_source = learning_rate_of_step(observation, step, tree)
    data = _step_data(runner, parameters, named, tree)
    structure = infer_structure(named, data.X.shape[1])
    forward = _forward(runner, parameters, data, path)
    forward_function = UserFunction(step.code.co_name, step.loop.header, "forward")
    called, record = _call_forward(observation, runner, parameters, data.X.shape[0], path)
    forward = forward or called
    if record is not None:  # the forward pass is a function of the user's: findings go inside
        forward_function = UserFunction(record.name, record.code.co_firstlineno, "forward")

    def claimed(values: ParameterValues) -> ClaimedGradients:
        capture = _ReturnCapture(gradient_call.code if gradient_call else None)
        try:
            with user_errstate(), capture:
                local = runner.run(values, capture=capture)
        except Exception as error:
            raise UserCodeError(error, path, "one pass of your training loop") from None
        if gradient_call is not None and capture.captured:
            shapes = {p.label: np.shape(p.before) for p in parameters}
            matched = match_results(
                capture.result, [p.label for p in parameters], shapes, strip_prefix=True
            )
            if matched:
                return ClaimedGradients(gradients=matched, mutated=capture.mutated)
        gradients: dict[str, Any] = {}
        for p in parameters:
            after = runner.read(p.primary, local)
            if isinstance(after, np.ndarray | float | np.floating):
                before = np.asarray(values[p.label], dtype=np.float64)
                gradients[p.label] = (before - np.asarray(after, dtype=np.float64)) / rate
        return ClaimedGradients(gradients=gradients)

    functions = _functions(observation, step, gradient_call)
    if forward is not None:
        functions.insert(0, forward_function)
    style = _style(observation, step, gradient_call)
    notes = [] if rate_source else ["no learning rate found in your step: taken as 1"]
    where = "at top level" if step.is_module else f"in `{step.code.co_name}`"
    subject = Subject(
        style=style,
        description=f"your training loop at line {step.loop.header} ({where}), one pass",
        structure=structure,
        initial=initial,
        X=data.X,
        Y=data.Y,
        data_source=data.source,
        claimed=claimed,
        forward=forward,
        functions=functions,
        learning_rate=rate,
        user_dtype=_dtype(initial),
        notes=notes,
        user_Y_shape=data.user_Y_shape,
    )
    subject.path = path
    subject.inputs_line = assigned_line(tree, data.X_name)
    subject.labels_line = assigned_line(tree, data.Y_name)
    return subject


def assigned_line(tree: ast.Module, name: str) -> int | None:
    """Where the file assigns `name` (`X`, `nn.input` -> `input`): top level first."""
    base = name.split(".")[-1]
    if not base:
        return None

    def assigns(node: ast.AST) -> bool:
        if not isinstance(node, ast.Assign | ast.AnnAssign):
            return False
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            for element in ast.walk(target):
                if isinstance(element, ast.Name) and element.id == base:
                    return True
                if isinstance(element, ast.Attribute) and element.attr == base:
                    return True
        return False

    for node in tree.body:
        if assigns(node):
            return node.lineno
    lines = [n.lineno for n in ast.walk(tree) if assigns(n)]
    return min(lines) if lines else None


def _order(parameters: list[Parameter]) -> list[Parameter]:
    return list(parameters)


# ---------------------------------------------------------------------- gradient call
def _gradient_call(observation: Observation, step: LoopStep) -> CallRecord | None:
    """A call in the pass whose return value holds one array per parameter, in their shapes."""
    shapes = {p.label: np.shape(p.before) for p in step.parameters}
    names = list(shapes)
    for record in observation.calls[step.first_call : step.last_call]:
        if not record.returned or record.result is None:
            continue
        matched = match_results(record.result, names, shapes, strip_prefix=True)
        if len(matched) < len(names):
            continue
        if all(
            isinstance(matched[n], np.ndarray) and np.shape(matched[n]) == shapes[n] for n in names
        ) and not _are_new_values(matched, step.parameters):
            return record
        if _named_as_gradients(record.result):
            return record
    return None


def _returns_gradients(runner: _Pass, record: CallRecord | None) -> CallRecord | None:
    """Keep the call only if what it returns is not the updated weights themselves."""
    if record is None:
        return None
    values = {p.label: p.before for p in runner.parameters}
    capture = _ReturnCapture(record.code)
    try:
        with user_errstate(), capture:
            local = runner.run(values)
    except Exception:
        return record  # the claim will report the failure as the user's
    if not capture.captured:
        return None
    shapes = {p.label: np.shape(p.before) for p in runner.parameters}
    matched = match_results(capture.result, list(shapes), shapes, strip_prefix=True)
    for p in runner.parameters:
        after = runner.read(p.primary, local)
        value = matched.get(p.label)
        if not (isinstance(after, np.ndarray) and isinstance(value, np.ndarray)):
            return record
        if value.shape != after.shape or not np.allclose(value, after, equal_nan=True):
            return record
    return None  # it returned the new weights: an update function


def _named_as_gradients(result: Any) -> bool:
    return isinstance(result, dict) and all(
        isinstance(k, str) and naming.gradient_key_to_parameter(k) != k for k in result
    )


def _are_new_values(matched: dict[str, Any], parameters: list[Parameter]) -> bool:
    """A call that returns the updated weights is an update, not a gradient function."""
    for p in parameters:
        now = p.primary.current()
        value = matched.get(p.label)
        if (
            isinstance(now, np.ndarray)
            and isinstance(value, np.ndarray)
            and value.shape == now.shape
        ):
            if np.allclose(value, now) or np.allclose(value, p.before):
                return True
    return False


class _ReturnCapture:
    """Keeps the first return value of one code object while the pass runs.

    It also notes which parameter arrays the call changed in place before returning: a
    gradient function that updates its caller's weights itself (ND112).
    """

    def __init__(self, code: CodeType | None) -> None:
        self.code = code
        self.captured = False
        self.result: Any = None
        self.previous: Any = None
        self.mutated: list[str] = []
        self.installed: dict[str, Any] = {}
        self.values: ParameterValues = {}
        self.handed: list[tuple[str, np.ndarray, np.ndarray]] = []

    def watch(self, installed: dict[str, Any], values: ParameterValues) -> None:
        self.installed, self.values = installed, values

    def _profile(self, frame: Any, event: str, arg: Any) -> None:
        if frame.f_code is not self.code or self.captured:
            return
        if event == "call":
            self.handed = _handed_arrays(dict(frame.f_locals))
        elif event == "return":
            self.captured, self.result = True, arg
            self.mutated = [
                label
                for label, array in self.installed.items()
                if isinstance(array, np.ndarray)
                and not np.array_equal(array, self.values[label], equal_nan=True)
            ]
            installed = {id(a) for a in self.installed.values()}
            self.mutated += [
                label
                for label, array, copy in self.handed
                if id(array) not in installed
                and (array.shape != copy.shape or not np.array_equal(array, copy, equal_nan=True))
            ]

    def __enter__(self) -> _ReturnCapture:
        if self.code is not None:
            self.previous = sys.getprofile()
            sys.setprofile(self._profile)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.code is not None:
            sys.setprofile(self.previous)


def _handed_arrays(arguments: dict[str, Any]) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(label, array, copy) for every array a call is handed, inside dicts and tuples too."""
    found: list[tuple[str, np.ndarray, np.ndarray]] = []

    def visit(label: str, value: Any, depth: int) -> None:
        if isinstance(value, np.ndarray):
            found.append((label, value, value.copy()))
        elif depth < 2 and isinstance(value, dict):
            for key, item in list(value.items())[:64]:
                visit(f"{label}[{key!r}]", item, depth + 1)
        elif depth < 2 and isinstance(value, tuple | list) and len(value) <= 64:
            for index, item in enumerate(value):
                visit(f"{label}[{index}]", item, depth + 1)

    for name, value in arguments.items():
        if name != "self":
            visit(name, value, 0)
    return found


# ---------------------------------------------------------------------- data
@dataclass
class StepData:
    X: np.ndarray
    Y: np.ndarray
    source: str
    user_Y_shape: tuple[int, ...] | None
    X_name: str = ""
    Y_name: str = ""


def _step_data(
    runner: _Pass, parameters: list[Parameter], named: list[tuple[str, Any]], tree: ast.Module
) -> StepData:
    """The inputs and targets the pass feeds the network: arrays it reads that are not weights."""
    try:
        input_dim = infer_structure(named, None).layer_sizes[0]
    except StructureError:
        input_dim = None
    globals_, local = runner.scope()
    used = set().union(*(_names_used(n) for n in runner.step.loop.node.body))
    parameter_ids = {id(s.original) for p in parameters for s in p.slots}
    parameter_ids |= {id(s.current()) for p in parameters for s in p.slots}
    parameter_labels = {s.label for p in parameters for s in p.slots}
    candidates: list[tuple[str, Any]] = []
    scopes = [local] if not runner.step.is_module else []
    scopes.append(globals_)
    for scope in scopes:
        for name, value in list(scope.items()):
            if name.startswith("__") or id(value) in parameter_ids or name in parameter_labels:
                continue
            if isinstance(value, np.ndarray | list | float | int) and not isinstance(value, bool):
                candidates.append((name, value))
            elif hasattr(value, "__dict__") and not isinstance(value, type) and name in used:
                for attr, item in list(vars(value).items()):
                    if (
                        id(item) not in parameter_ids
                        and f"{name}.{attr}" not in parameter_labels
                        and isinstance(item, np.ndarray)
                    ):
                        candidates.append((f"{name}.{attr}", item))
    candidates.sort(key=lambda c: _data_rank(c[0], used))
    X_name, X = _pick_inputs(candidates, input_dim)
    if X is None:
        raise StructureError(
            "found the training step, but not the input array it feeds the network"
        )
    m = X.shape[0]
    Y_name, Y_user = _pick_targets(candidates, X_name, m)
    if Y_user is None:
        raise StructureError(
            f"found the training step and its inputs `{X_name}`, but not the targets"
        )
    Y = np.asarray(Y_user, dtype=np.float64).reshape(m, 1)
    shape = tuple(np.shape(Y_user))
    return StepData(
        X,
        Y,
        f"your arrays {X_name} {tuple(np.shape(_raw(candidates, X_name)))}, {Y_name} {shape}",
        shape,
        X_name,
        Y_name,
    )


def _raw(candidates: list[tuple[str, Any]], name: str) -> Any:
    return next(v for n, v in candidates if n == name)


def _data_rank(name: str, used: set[str]) -> tuple[int, int]:
    base = name.split(".")[-1]
    known = base in naming.DATA_NAMES or base in naming.TARGET_NAMES or base in EXTRA_DATA_NAMES
    return (0 if name.split(".")[0] in used or base in used else 1, 0 if known else 1)


EXTRA_DATA_NAMES = ("points", "l0", "input", "training_set_inputs", "training_set_outputs")


def _pick_inputs(
    candidates: list[tuple[str, Any]], input_dim: int | None
) -> tuple[str, np.ndarray | None]:
    for name, value in candidates:
        array = _numeric(value)
        if array is None or input_dim is None:
            continue
        if array.ndim == 2 and array.shape[1] == input_dim and _not_target_name(name):
            return name, array.astype(np.float64)
        if array.ndim == 2 and array.shape[0] == input_dim and _not_target_name(name):
            return name, array.T.astype(np.float64)
        if array.ndim == 1 and array.size == input_dim and _not_target_name(name):
            return name, array.reshape(1, -1).astype(np.float64)
    return "", None


def _pick_targets(candidates: list[tuple[str, Any]], X_name: str, m: int) -> tuple[str, Any]:
    """Arrays of one target per sample first; a plain number only for one-sample steps."""
    for name, value in candidates:
        array = _numeric(value)
        if name == X_name or array is None:
            continue
        if array.size == m and array.ndim <= 2 and _target_like(name, array):
            return name, value
    if m == 1:
        for name, value in candidates:
            base = name.split(".")[-1]
            if base in naming.LEARNING_RATE_NAMES or base in naming.EPOCH_NAMES:
                continue
            if isinstance(value, float | int | np.floating | np.integer) and not isinstance(
                value, bool
            ):
                return name, value
    return "", None


def _target_like(name: str, array: np.ndarray) -> bool:
    base = name.split(".")[-1]
    if base in naming.TARGET_NAMES or "label" in base.lower() or "target" in base.lower():
        return True
    return base not in naming.OUTPUT_NAMES and not base.lower().startswith(
        ("out", "pred", "a", "z", "l", "h")
    )


def _not_target_name(name: str) -> bool:
    base = name.split(".")[-1]
    return base not in naming.TARGET_NAMES


def _numeric(value: Any) -> np.ndarray | None:
    if isinstance(value, np.ndarray):
        return value if value.dtype.kind in "fiub" and value.size > 0 else None
    if isinstance(value, list) and value:
        try:
            array = np.asarray(value)
        except (ValueError, TypeError):
            return None
        return array if array.dtype.kind in "fiub" else None
    return None


def _names_used(node: ast.AST) -> set[str]:
    used: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            used.add(child.id)
        elif isinstance(child, ast.Attribute):
            used.add(child.attr)
    return used


# ---------------------------------------------------------------------- forward
def _forward(
    runner: _Pass, parameters: list[Parameter], data: StepData, path: str
) -> Callable[[ParameterValues], np.ndarray] | None:
    """The body's statements before the first one that changes a parameter, and their output."""
    m = data.X.shape[0]
    values = {p.label: p.before for p in parameters}
    first_update = None
    for count in range(1, len(runner.statements) + 1):
        try:
            with user_errstate():
                local = runner.run(values, upto=count)
        except Exception:
            return None
        if any(_differs(runner.read(p.primary, local), p.before) for p in parameters):
            first_update = count - 1
            break
    if not first_update:
        return None
    globals_, local = runner.scope()
    runner.install(values, local)
    before = {k: id(v) for k, v in local.items()}
    with user_errstate():
        for code in runner.statements[:first_update]:
            exec(code, globals_, local)
    excluded = {s.key for p in parameters for s in p.slots if s.kind == "name"}
    output_name = _output_name(local, before, m, excluded)
    if output_name is None:
        return None

    def forward(values: ParameterValues) -> np.ndarray:
        try:
            with user_errstate():
                scope = runner.run(values, upto=first_update)
        except Exception as error:
            raise UserCodeError(error, path, "your training loop's forward pass") from None
        return np.asarray(scope[output_name], dtype=np.float64).reshape(m, 1)

    return forward


def _call_forward(
    observation: Observation, runner: _Pass, parameters: list[Parameter], m: int, path: str
) -> tuple[Callable[[ParameterValues], np.ndarray] | None, CallRecord | None]:
    """A call in the pass that returned the network's output, re-run with new parameters."""
    step = runner.step
    originals = {id(s.original): p.label for p in parameters for s in p.slots}
    in_pass = observation.calls[step.first_call : step.last_call]
    # outputs in (0, 1) first; then any, so a forward without its sigmoid is still found (ND207)
    relaxed = [(r, False) for r in in_pass] if m > 1 else []  # one number could be a bias
    for record, in_range in [(r, True) for r in in_pass] + relaxed:
        if not record.returned or record.function is None:
            continue
        position = _output_position(record.result, m, in_range)
        if position is None:
            continue
        output = record.result if position == -1 else record.result[position]
        if not in_range and any(np.shape(output) == np.shape(p.before) for p in parameters):
            continue  # returned weights (an update function), not an output without its sigmoid
        owners = {id(s.owner) for p in parameters for s in p.slots if s.kind != "name"}
        uses = [k for k, v in record.arguments.items() if _holds(v, originals) or id(v) in owners]
        if not uses and record.instance is None:
            continue

        def forward(
            values: ParameterValues, record: CallRecord = record, position: Any = position
        ) -> np.ndarray:
            _, local = runner.scope()
            runner.install(values, local)
            kwargs = {}
            for key, value in record.arguments.items():
                if id(value) in originals:
                    kwargs[key] = np.array(values[originals[id(value)]], copy=True)
                else:
                    kwargs[key] = record.copies[key].copy() if key in record.copies else value
            try:
                with user_errstate():
                    if record.instance is not None:
                        result = record.function(record.instance, **kwargs)
                    else:
                        result = record.function(**kwargs)
            except Exception as error:
                raise UserCodeError(error, path, f"`{record.name}`") from None
            output = result if position == -1 else result[position]
            return np.asarray(output, dtype=np.float64).reshape(m, 1)

        try:
            forward({p.label: p.before for p in parameters})
        except Exception:
            continue
        return forward, record
    return None, None


def _holds(value: Any, originals: dict[int, str]) -> bool:
    """Whether an argument is a parameter, or a dict, list or object holding one."""
    if id(value) in originals:
        return True
    if isinstance(value, dict):
        return any(id(v) in originals for v in value.values())
    if isinstance(value, list | tuple):
        return any(id(v) in originals for v in value)
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return any(id(v) in originals for v in vars(value).values())
    return False


def _output_position(result: Any, m: int, in_range: bool = True) -> int | None:
    """Where the output sits in what a call returned: -1 for the result itself, else an index."""
    if _is_output(result, m, in_range):
        return -1
    if isinstance(result, tuple | list):
        for index, item in enumerate(result):
            if _is_output(item, m, in_range):
                return index
    return None


def _is_output(value: Any, m: int, in_range: bool = True) -> bool:
    return (
        isinstance(value, np.ndarray)
        and value.dtype.kind == "f"
        and value.size == m
        and (value.ndim == 1 or 1 in value.shape or m == 1)
        and (not in_range or bool(np.all((value >= 0) & (value <= 1))))
    )


def _differs(now: Any, before: np.ndarray) -> bool:
    if not isinstance(now, np.ndarray):
        return False
    return now.shape != before.shape or not np.array_equal(now, before, equal_nan=True)


def _output_name(
    local: dict[str, Any], before: dict[str, int], m: int, excluded: set[str]
) -> str | None:
    fresh = [
        name
        for name, value in local.items()
        if name not in excluded and before.get(name) != id(value) and _is_output(value, m)
    ]
    for name in naming.OUTPUT_NAMES:
        if name in fresh:
            return name
    return fresh[-1] if fresh else None


# ---------------------------------------------------------------------- describing
def _functions(
    observation: Observation, step: LoopStep, call: CallRecord | None
) -> list[UserFunction]:
    functions = [UserFunction("training loop", step.loop.header, "training loop")]
    seen: set[str] = set()
    for record in observation.calls[step.first_call : step.last_call]:
        if record.depth > (
            observation.calls[step.first_call].depth
            if step.first_call < len(observation.calls)
            else 0
        ):
            continue
        if record.name in seen:
            continue
        seen.add(record.name)
        role = (
            "gradients" if call is not None and record.code is call.code else "called by the step"
        )
        functions.append(UserFunction(record.name, record.code.co_firstlineno, role))
    return functions


def _style(observation: Observation, step: LoopStep, call: CallRecord | None) -> str:
    """The report's name for how the user wrote the step."""
    in_pass = observation.calls[step.first_call : step.last_call]
    if call is not None:
        if call.instance is not None:
            return "class"
        fed = {id(r.result) for r in in_pass if r.index < call.index and r.returned}
        fed |= {
            id(item)
            for r in in_pass
            if r.index < call.index and isinstance(r.result, tuple | list)
            for item in r.result
        }
        if any(id(v) in fed for v in call.arguments.values()):
            return "forward + backward"
        return "gradient function"
    if any(p.primary.kind == "attr" for p in step.parameters):
        return "class"
    shapes = sorted(np.shape(p.before) for p in step.parameters)
    for record in in_pass:
        result = record.result
        if (
            isinstance(result, tuple | list)
            and sorted(np.shape(r) for r in result if isinstance(r, np.ndarray | float)) == shapes
        ):
            return "update function"
    return "script"


def _copy(value: Any) -> Any:
    return value.copy() if isinstance(value, np.ndarray) else value


def _dtype(values: dict[str, Any]) -> str:
    kinds = {np.asarray(v).dtype for v in values.values()}
    return "float32" if np.dtype(np.float32) in kinds else "float64"
