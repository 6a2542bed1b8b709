"""One pass of the user's loop body, runnable from any parameter values, and what it returns.

The world (data, attributes, containers, globals) is put back as it was at the start of
the observed pass, the values are installed wherever the user keeps them, and the body
runs; `ReturnCapture` keeps what one of the user's calls returned meanwhile."""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from types import CodeType
from typing import Any

import numpy as np

from netdoctor.discover.follow import LoopStep
from netdoctor.discover.lazy import reset_lazy
from netdoctor.discover.lean import lean_body
from netdoctor.discover.neurons import RETURNED
from netdoctor.discover.numbers import put_back
from netdoctor.discover.quiet import no_sleeps
from netdoctor.discover.routes import descend, set_along, set_attribute
from netdoctor.discover.state import Parameter, Slot, restore
from netdoctor.equal import same_array
from netdoctor.subject import ParameterValues


@dataclass
class Pass:
    """One pass of the loop body, runnable from any parameter values."""

    step: LoopStep
    code: CodeType
    statements: list[CodeType]
    parameters: list[Parameter]
    path: str
    # the values the last run started from, by label: what a slot still holds if unchanged
    installed_values: dict[str, Any] = field(default_factory=dict)
    _parameter_slots: frozenset[int] | None = None  # ids of the parameters' slots
    # the body without its every-N-passes reporting (`lean.lean_body`), once it is known to
    # move the parameters as the whole body does; None where it has none or does not
    _lean: CodeType | None = None
    _lean_known = False

    def scope(self, installing: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
        """The namespace one pass runs in. A function frame's pass runs in one dict holding
        its globals and its locals: with two, a comprehension in the body
        (`{k: params[k] - lr * g[k] for k in params}`) could not see the locals.
        `installing`: the caller installs parameter values next (`run`), so the places
        that hold only parameters are not put back first."""
        if installing:
            if self._parameter_slots is None:
                self._parameter_slots = frozenset(
                    id(slot) for parameter in self.parameters for slot in parameter.slots
                )
            restore(self.step.slots, self._parameter_slots)
        else:
            restore(self.step.slots)
        reset_lazy(self.step.lazy)
        put_back(self.step.numbers)
        if self.step.random_states is not None:  # the same noise, dropout, batch each run
            self.step.random_states.restore()
        if self.step.is_module:  # the loop's variables as the observed pass had them
            self.step.globals.update(
                {
                    k: (v.copy() if isinstance(v, np.ndarray) else v)
                    for k, v in self.step.locals.items()
                }
            )
            return self.step.globals, self.step.globals
        merged = dict(self.step.globals)
        merged.update(
            {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in self.step.locals.items()}
        )
        return merged, merged

    def install(self, values: ParameterValues, local: dict[str, Any]) -> dict[str, Any]:
        """Put fresh copies of `values` wherever the user keeps them; returns the copies."""
        installed: dict[str, Any] = {}
        self.installed_values = installed
        for parameter in self.parameters:
            value = values[parameter.label]
            value = value.copy() if isinstance(value, np.ndarray) else value
            installed[parameter.label] = value
            for slot in parameter.slots:
                container = self._container_in(slot, local)
                if container is not None:
                    # `params = tuple(...)`, `[(W - lr * dW, ...) ...]`: rebound each step
                    rebuilt = set_along(container, slot.route, slot.key, value)
                    if rebuilt is not container:
                        local[slot.parent[1]] = rebuilt  # type: ignore[index]
                    continue
                target = self._rebound_object(slot, local)  # the object this pass starts from
                if target is not None:
                    set_attribute(target, slot.key, value)
                    continue
                if slot.kind != "name":
                    slot.install(value)
                    continue
                if slot.owner is self.step.globals:  # functions the body calls read it there
                    self.step.globals[slot.key] = value
                if not self.step.is_module and slot.key in local:
                    local[slot.key] = value
        return installed

    def _container_in(self, slot: Slot, local: dict[str, Any]) -> Any:
        """The dict or list a named container's item lives in, in this pass's namespace."""
        if (
            slot.kind != "item"
            or slot.parent is None
            or self.step.is_module
            or not isinstance(slot.parent[0], dict)  # an object's attribute: not a local
        ):
            return None
        container = local.get(slot.parent[1])
        if not isinstance(container, dict | list | tuple):
            return None
        try:
            descend(container, slot.route)
        except (KeyError, IndexError, TypeError):
            return None
        return container

    def read(self, slot: Slot, local: dict[str, Any]) -> Any:
        container = self._container_in(slot, local)
        if container is not None:
            try:
                return descend(container, slot.route)[slot.key]
            except (KeyError, IndexError, TypeError):
                return None
        if slot.kind == "name" and not self.step.is_module and slot.key in local:
            now = local[slot.key]
            if slot.owner is self.step.globals:
                # a function the pass calls may rebind the global (`global W1; W1 = W1 -
                # ...` in `backward()`), leaving the pass's own copy as it was installed
                rebound = self.step.globals.get(slot.key)
                if now is not rebound and any(now is v for v in self.installed_values.values()):
                    return rebound
            return now
        rebound = self._rebound_object(slot, local)  # `p = step(p, g, lr)`: a new Params
        if rebound is not None:
            return getattr(rebound, slot.key, None)
        if slot.kind == "vector" and slot.parent is not None and isinstance(slot.parent[0], dict):
            now = local.get(slot.parent[1])  # `b_h = b_h + ...` rebinds the list's name
            if isinstance(now, np.ndarray):
                return now
        if slot.kind == "name":
            return self.step.globals.get(slot.key)
        return slot.current()

    def _rebound_object(self, slot: Slot, local: dict[str, Any]) -> Any:
        """For an attribute slot of a function frame's pass: the object of the slot's type
        that the parent's name holds in this pass's namespace. The pass runs in its own
        dict, so when it binds that name to a new object, the slot's parent (the frame's
        snapshot) still holds the old one. None for every other slot."""
        if slot.kind != "attr" or slot.parent is None or self.step.is_module:
            return None
        where, name = slot.parent
        if not isinstance(where, dict) or name not in local:
            return None
        try:
            now = descend(local[name], slot.route)
        except (KeyError, IndexError, TypeError):
            return None
        return now if type(now) is type(slot.owner) else None

    def run(
        self,
        values: ParameterValues,
        upto: int | None = None,
        capture: ProfileHook | None = None,
        on_start: Callable[[dict[str, Any], dict[str, Any]], None] | None = None,
        lean: bool = False,
    ) -> dict[str, Any]:
        """`on_start` sees the namespace as the pass begins, the values installed.
        `capture` sees the calls of the user's code only: a profile hook around the
        restore and the install as well made them five times slower (each of their calls
        a profiler event), a quarter of a step where the pass calls a gradient function.
        `lean`: the recorded training's steps, which need only the parameters' new values,
        run without the body's reporting where that leaves them the same."""
        code = self.code
        if lean and upto is None:
            code = self._lean_code(values) or code
        globals_, local = self.scope(installing=True)
        installed = self.install(values, local)
        for name in self.step.zeroed:  # the sums an every-k-th-pass step gathered
            scope = local if name in local else globals_
            if name in scope:
                scope[name] = scope[name] * 0
        if isinstance(capture, ReturnCapture):
            capture.watch(installed, values)
        if on_start is not None:
            on_start(globals_, local)
        codes = [code] if upto is None else self.statements[:upto]
        hook = capture if capture is not None else contextlib.nullcontext()
        with no_sleeps(), self.step.batches.run(self.step.code.co_filename), hook:
            for code in codes:
                exec(code, globals_, local)
        if upto is None and self.step.random_states is not None:
            self.step.random_states.note_run()
        return local

    def _lean_code(self, values: ParameterValues) -> CodeType | None:
        """The lean body, checked once from `values`: both bodies run from them, and the
        lean one is kept only if every parameter ends exactly where the whole body's does
        (a branch that drew a random number or set a rate would show here)."""
        if self._lean_known:
            return self._lean
        self._lean_known = True
        namespace = {**self.step.globals, **self.step.locals}
        body = lean_body(self.step.loop.node.body, namespace)
        if body is None:
            return None
        try:
            lean = compile_pass(body, self.path, owner_class(self.step.code))[0]
            with contextlib.redirect_stdout(io.StringIO()):
                whole = self._parameters_after(self.run(values))
                self._lean = lean
                if not _same_values(whole, self._parameters_after(self.run(values, lean=True))):
                    self._lean = None
        except Exception:  # the whole body's own error is the caller's to report
            self._lean = None
        return self._lean

    def _parameters_after(self, local: dict[str, Any]) -> list[Any]:
        return [_copied(self.read(p.primary, local)) for p in self.parameters]


def _same_values(first: list[Any], second: list[Any]) -> bool:
    try:
        return all(same_array(a, b) for a, b in zip(first, second, strict=True))
    except (TypeError, ValueError):
        return False


def owner_class(code: CodeType) -> str | None:
    """`NeuronLayer` of a method `NeuronLayer.train` (not of a nested function's `<locals>`)."""
    parts = getattr(code, "co_qualname", code.co_name).split(".")
    if len(parts) >= 2 and parts[-2] != "<locals>":
        return parts[-2]
    return None


def compile_pass(
    body: list[ast.stmt], path: str, owner: str | None = None
) -> tuple[CodeType, list[CodeType]]:
    """The body as one code object, inside a one-pass loop so `break`/`continue` still work.
    `owner` is the class whose method holds the loop: its private names (`self.__sigmoid`)
    are mangled as Python mangles them there (`self._NeuronLayer__sigmoid`)."""

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

    body = [_standalone(statement) for statement in body]
    if owner is not None and owner.strip("_"):
        body = [_Mangled(owner.lstrip("_")).visit(statement) for statement in body]
    return wrap(body), [wrap([s]) for s in body]


class _Mangled(ast.NodeTransformer):
    """`__name` -> `_Class__name`, as inside the class body (not `__dunder__`)."""

    def __init__(self, owner: str) -> None:
        self.owner = owner

    def _private(self, name: str) -> str:
        if name.startswith("__") and not name.endswith("__"):
            return f"_{self.owner}{name}"
        return name

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        node.attr = self._private(node.attr)
        return self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node.id = self._private(node.id)
        return node


def _standalone(statement: ast.stmt) -> ast.stmt:
    """The statement as it runs outside its function: a training loop inside a generator
    (`yield epoch, loss` after each step) or one that returns early (`if loss < tol:
    return W`) cannot be compiled on its own. A `yield` becomes its value, as the loop's
    consumer would have received it; a `return` ends the pass, as it ended the user's step.
    A `return` inside an inner loop stays (a `break` would end only that loop), so such a
    body is still refused, as before."""
    return _OutsideFunction().visit(copy.deepcopy(statement))


class _OutsideFunction(ast.NodeTransformer):
    def __init__(self) -> None:
        self.inner_loops = 0

    def _leave_alone(self, node: ast.AST) -> ast.AST:
        return node  # a nested function's yields and returns are its own

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = _leave_alone

    def _loop(self, node: ast.For | ast.While | ast.AsyncFor) -> ast.AST:
        self.inner_loops += 1
        try:
            return self.generic_visit(node)
        finally:
            self.inner_loops -= 1

    visit_For = visit_While = visit_AsyncFor = _loop

    def visit_Yield(self, node: ast.Yield) -> ast.AST:
        value = self.visit(node.value) if node.value is not None else ast.Constant(None)
        return ast.copy_location(value, node)

    def visit_YieldFrom(self, node: ast.YieldFrom) -> ast.AST:
        return ast.copy_location(self.visit(node.value), node)

    def visit_Return(self, node: ast.Return) -> ast.AST:
        if self.inner_loops:
            return node
        return ast.copy_location(ast.Break(), node)


class ProfileHook:
    """A `with` block during which `_profile` sees every call and return of the pass; the
    previous profiler comes back at the end. Subclasses say what they keep."""

    previous: Any = None

    def _active(self) -> bool:
        return True

    def _profile(self, frame: Any, event: str, arg: Any) -> None:
        raise NotImplementedError

    def __enter__(self) -> ProfileHook:
        if self._active():
            self.previous = sys.getprofile()
            sys.setprofile(self._profile)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._active():
            sys.setprofile(self.previous)


class ReturnCapture(ProfileHook):
    """Keeps the first return value of one code object while the pass runs.

    It also notes which parameter arrays the call changed in place before returning: a
    gradient function that updates its caller's weights itself (ND112).
    """

    def __init__(self, code: CodeType | None, mutations: bool = True) -> None:
        self.code = code
        self.mutations = mutations  # look for arrays the call changed in place
        self.captured = False
        self.result: Any = None
        self.mutated: list[str] = []
        self.installed: dict[str, Any] = {}
        self.values: ParameterValues = {}
        self.handed: list[tuple[str, np.ndarray, np.ndarray]] = []

    def watch(self, installed: dict[str, Any], values: ParameterValues) -> None:
        self.installed, self.values = installed, values

    def _active(self) -> bool:
        return self.code is not None

    def _profile(self, frame: Any, event: str, arg: Any) -> None:
        if frame.f_code is not self.code or self.captured:
            return
        if event == "call" and self.mutations:
            self.handed = _handed_arrays(dict(frame.f_locals))
        elif event == "return":
            self.captured, self.result = True, arg
            if not self.mutations:  # nothing more to see: the rest of the pass runs unwatched
                sys.setprofile(self.previous)
                return
            self.mutated = [
                label
                for label, array in self.installed.items()
                if isinstance(array, np.ndarray) and not same_array(array, self.values[label])
            ]
            installed = {id(a) for a in self.installed.values()}
            self.mutated += [
                label
                for label, array, copy in self.handed
                if id(array) not in installed and not same_array(array, copy)
            ]


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


class LocalCapture(ProfileHook):
    """Keeps the value a function's local `name` held when the function returned.

    A network of scalar weights may compute its output inside a function that also updates
    the weights and returns the loss (`p = sigmoid(wo1 * h1 + ...)` in `train_one`): the
    output is that local, read as the call ends."""

    def __init__(self, function: str, line: int, name: str, path: str) -> None:
        self.function, self.line, self.name, self.path = function, line, name, path
        self.value: Any = None

    def _profile(self, frame: Any, event: str, arg: Any) -> None:
        code = frame.f_code
        if (
            event == "return"
            and self.value is None
            and code.co_name == self.function
            and code.co_filename == self.path
            and code.co_firstlineno <= self.line  # decorators come first
        ):
            self.value = arg if self.name == RETURNED else frame.f_locals.get(self.name)


class LocalsCapture(ProfileHook):
    """Copies of every local of some code objects as each first returns (a flat parameter
    vector's unrolled matrices; the functions a pass calls, for their arithmetic): copies,
    since the update after the call may change the vector and every view of it."""

    def __init__(self, *codes: CodeType) -> None:
        self.codes = codes
        self.by_code: dict[CodeType, dict[str, Any]] = {}
        self.returned: dict[CodeType, Any] = {}  # what each returned, that first time

    @property
    def values(self) -> dict[str, Any] | None:
        """The first code object's locals (one function watched)."""
        return self.by_code.get(self.codes[0]) if self.codes else None

    def _profile(self, frame: Any, event: str, arg: Any) -> None:
        code = frame.f_code
        if event == "return" and code in self.codes and code not in self.by_code:
            self.by_code[code] = {k: _copied(v) for k, v in frame.f_locals.items()}
            self.returned[code] = _copied(arg)


def _copied(value: Any) -> Any:
    """An array copied; a dict or list of arrays (`p = unpack(theta)`, views of the vector)
    copied one level down; anything else as it is."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict) and len(value) <= 64:
        return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in value.items()}
    if isinstance(value, list) and len(value) <= 64:
        return [v.copy() if isinstance(v, np.ndarray) else v for v in value]
    return value
