"""Forward values a helper of the user's changes in place during a training pass (ND112).

`delta_h = (delta_o @ W2.T) * relu_grad(a_h)` with `def relu_grad(x): x[x > 0] = 1; ...;
return x` overwrites the cached activation `a_h`, and `grad_W2 = a_h.T @ delta_o` on the
next line reads the overwritten one. The helper may be called from the loop's body, from a
`backward()` closure or a method (`relu_grad(self.activations[i])`), so one pass is run
under a profiler that watches every call into the file's functions: an array the pass
itself made (a forward value: no weight, no optimizer state, which exist before the pass;
or, handed to a derivative helper like `relu_grad`, any array but a weight), that the
caller holds (a local, or in its dicts, lists and `self`), changed by the time
the helper returns. A gradient a helper clips in place before the update reads it
(`clip(dW); W -= lr * dW`) is no bug, and is left out by the caller's source.
"""

from __future__ import annotations

import ast
import functools
import re
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.rate import scaled_names
from netdoctor.discover.replay import Pass, ProfileHook
from netdoctor.equal import same_array
from netdoctor.floats import user_errstate
from netdoctor.objects import attributes
from netdoctor.subject import ParameterValues

DEPTH = 3  # self.activations[1], cache["a1"]: the caller's containers, a few levels down
# a helper whose name says it works in place (scikit-learn's `inplace_relu_derivative`,
# torch's trailing underscore `relu_`): the caller hands it the array to change
_IN_PLACE_BY_NAME = re.compile(r"in_?place|[a-z0-9]_$", re.IGNORECASE)


def helper_mutations(runner: Pass, values: ParameterValues, tree: ast.Module) -> list[str]:
    """How the caller names each forward value a function of the file changed in place."""
    watch = _HelperWatch(runner)
    try:
        with user_errstate(), watch:
            runner.run(values, on_start=watch.start)
    except Exception:  # the pass raising is reported where the checks run it
        return []
    steps = _update_factor_names(tree)
    return sorted({label for label, root in watch.changed if root not in steps})


class _HelperWatch(ProfileHook):
    def __init__(self, runner: Pass) -> None:
        self.runner = runner
        self.path = runner.path
        self.existing: set[int] = set()
        self.parameters: set[int] = set()
        self.watched: dict[int, list[tuple[str, str, np.ndarray, np.ndarray]]] = {}
        self.changed: list[tuple[str, str]] = []  # (the caller's label, its root name)

    def start(self, globals_: dict[str, Any], local: dict[str, Any]) -> None:
        self.existing = _reachable_ids([globals_, local])
        self.parameters = {id(v) for v in self.runner.installed_values.values()}

    def _watched(self, function: str, array: Any) -> bool:
        """A float array the pass made; or, handed to a derivative helper, any but a weight
        (the cached activations a pass reuses from the forward it did not re-run)."""
        if not isinstance(array, np.ndarray) or array.dtype.kind != "f":
            return False
        if id(array) not in self.existing:
            return True
        return id(array) not in self.parameters and bool(
            naming.DERIVATIVE_FUNCTION.search(function)
        )

    def _profile(self, frame: Any, event: str, arg: Any) -> None:
        if frame.f_code.co_filename != self.path:
            return
        if event == "call" and frame.f_back is not None:
            code = frame.f_code
            if _IN_PLACE_BY_NAME.search(code.co_name):
                return  # `inplace_tanh(Z)`, `relu_(x)`: changing its argument is its job
            handed = [frame.f_locals.get(n) for n in code.co_varnames[: code.co_argcount]]
            arrays = [a for a in handed if self._watched(code.co_name, a)]
            if arrays:
                held = _labels(frame.f_back.f_locals, {id(a) for a in arrays})
                self.watched[id(frame)] = [
                    (label, root, a, a.copy())
                    for a in arrays
                    for label, root in held.get(id(a), [])[:1]
                ]
        elif event == "return":
            for label, root, array, copy in self.watched.pop(id(frame), []):
                if not same_array(array, copy):
                    self.changed.append((label, root))


def _labels(scope: dict[str, Any], wanted: set[int]) -> dict[int, list[tuple[str, str]]]:
    """Where the caller holds each wanted array: (label, the local it is reached from)."""
    found: dict[int, list[tuple[str, str]]] = {}
    seen: set[int] = set()

    def visit(label: str, root: str, value: Any, depth: int) -> None:
        if id(value) in wanted:
            found.setdefault(id(value), []).append((label, root))
            return
        if depth >= DEPTH or id(value) in seen or isinstance(value, np.ndarray):
            return
        seen.add(id(value))
        for key, item in _children(value):
            visit(f"{label}{key}", root, item, depth + 1)

    for name, value in list(scope.items()):
        if not name.startswith("__"):
            visit(name, name, value, 0)
    return found


def _reachable_ids(scopes: list[dict[str, Any]]) -> set[int]:
    """Ids of the arrays reachable from the scopes before the pass: weights, optimizer
    state, data. Whatever the pass makes later is new."""
    found: set[int] = set()
    seen: set[int] = set()

    def visit(value: Any, depth: int) -> None:
        if isinstance(value, np.ndarray):
            found.add(id(value))
            return
        if depth >= DEPTH or id(value) in seen:
            return
        seen.add(id(value))
        for _, item in _children(value):
            visit(item, depth + 1)

    for scope in scopes:
        for name, value in list(scope.items()):
            if not name.startswith("__"):
                visit(value, 0)
    return found


def _children(value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [(f"[{k!r}]", v) for k, v in list(value.items())[:64]]
    if isinstance(value, list | tuple) and len(value) <= 64:
        return [(f"[{i}]", v) for i, v in enumerate(value)]
    if type(value).__module__ == "__main__" and not isinstance(value, type):
        return [(f".{k}", v) for k, v in list(attributes(value).items())[:64]]
    if callable(value) and getattr(value, "__closure__", None):  # a closure's cells
        code = value.__code__
        return [
            (name, cell.cell_contents)
            for name, cell in zip(code.co_freevars, value.__closure__, strict=False)
            if _bound(cell)
        ]
    return []


def _bound(cell: Any) -> bool:
    try:
        cell.cell_contents  # noqa: B018
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=8)
def _update_factor_names(tree: ast.Module) -> frozenset[str]:
    """The file's gradients scaled into an update, once per file."""
    return frozenset(scaled_names([tree]))
