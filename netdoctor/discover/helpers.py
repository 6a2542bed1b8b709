"""Small helpers of the name-based finder: names, containers, dtypes, the file's loss."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.binding import (
    role_of,
)
from netdoctor.discover.common import (
    DiscoveryError,
    function_tree,
)
from netdoctor.discover.squared_hint import squared_error_hint
from netdoctor.objects import attributes
from netdoctor.store import ParameterLocation, Store
from netdoctor.structure import (
    NetworkStructure,
    is_parameter_value,
)
from netdoctor.subject import Subject


# --------------------------------------------------------------------------- small helpers
def _attribute_store(instance: Any, updated: frozenset[str] = frozenset()) -> Store:
    """The instance's parameters: attributes named like weights and biases, and those its
    class's methods update from their own value (`self.V -= rate * np.outer(back, x)`),
    whatever their names."""
    locations: list[ParameterLocation] = []
    initial: dict[str, Any] = {}
    for name, value in attributes(instance).items():
        if name in updated and is_parameter_value(value) and not isinstance(value, bool):
            if isinstance(value, np.ndarray | float) and not _looks_parameter(name):
                locations.append(ParameterLocation(f"self.{name}", "attr", None, name))
                initial[f"self.{name}"] = _copy(value)
                continue
        if naming.NOT_PARAMETER_NAME.match(name) and not _looks_parameter(name):
            continue
        if isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
            if name in naming.PARAMS_CONTAINER_NAMES + naming.BIASES_CONTAINER_NAMES:
                for index, item in enumerate(value):
                    label = f"self.{name}[{index}]"
                    locations.append(ParameterLocation(label, "attr_item", name, index))
                    initial[label] = item.copy()
            continue
        if _looks_parameter(name) and is_parameter_value(value):
            if isinstance(value, int) and not isinstance(value, float):
                continue
            locations.append(ParameterLocation(f"self.{name}", "attr", None, name))
            initial[f"self.{name}"] = _copy(value)
    if not locations:
        raise DiscoveryError("no-network", f"{type(instance).__name__} has no weight attributes")
    return Store(locations, initial, instance=instance)


def _looks_parameter(name: str) -> bool:
    base = name.split(".")[-1]
    if naming.NOT_PARAMETER_NAME.match(base):
        return False
    return bool(naming.WEIGHT_NAME.search(base) or naming.BIAS_NAME.search(base))


def _is_helper(name: str, args: list[str]) -> bool:
    """Activation helpers (sigmoid_derivative(x), relu_backward(dA, Z)) are not networks."""
    lowered = name.lower()
    activation_words = ("sigmoid", "relu", "tanh", "softmax", "activation", "linear_")
    return any(w in lowered for w in activation_words) or len([a for a in args if a != "self"]) < 1


def _is_container(value: Any) -> bool:
    if isinstance(value, dict):
        return any(isinstance(v, np.ndarray) for v in value.values())
    if isinstance(value, list):
        return bool(value) and all(isinstance(v, np.ndarray) for v in value)
    return False


def _container_items(value: Any) -> list[tuple[Any, Any]]:
    if isinstance(value, dict):
        return [(k, v) for k, v in value.items() if is_parameter_value(v)]
    return list(enumerate(value))


def _copy(value: Any) -> Any:
    return value.copy() if isinstance(value, np.ndarray) else value


def _user_dtype(values: dict[str, Any]) -> str:
    dtypes = {np.asarray(v).dtype for v in values.values() if isinstance(v, np.ndarray)}
    if any(d == np.float32 for d in dtypes):
        return "float32"
    if any(d == np.float16 for d in dtypes):
        return "float16"
    return "float64"


def _referenced_globals(
    functions: list[Callable[..., Any]], all_user: dict[str, Callable[..., Any]]
) -> list[str]:
    """Global names a function reads, through the file's other functions it calls."""
    seen: set[str] = set()
    names: list[str] = []
    stack = list(functions)
    while stack:
        function = stack.pop()
        if function.__name__ in seen:
            continue
        seen.add(function.__name__)
        for name in function.__code__.co_names:
            if name in all_user:
                stack.append(all_user[name])
            elif name not in names:
                names.append(name)
    return names


def _assignment_line(tree: ast.Module, name: str | None) -> int | None:
    """The line of the module-level assignment to `name` (the labels, for ND206): at top
    level or in its blocks (`if __name__ == "__main__":`), else the first in a function
    (`main()`)."""
    if name is None:
        return None
    outside = [n for n in module_statements(tree.body) if _assigns(n, name)]
    if outside:
        return outside[0].lineno
    inside = sorted(
        (n for n in ast.walk(tree) if isinstance(n, ast.Assign) and _assigns(n, name)),
        key=lambda n: n.lineno,
    )
    return inside[0].lineno if inside else None


def module_statements(body: list[ast.stmt], once: bool = False) -> list[ast.stmt]:
    """Statements run at module level, blocks included, functions and classes not; with
    `once`, only those that run at most once (not a loop's body nor an except handler)."""
    found: list[ast.stmt] = []
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        found.append(node)
        if once and isinstance(node, ast.For | ast.While | ast.AsyncFor):
            continue
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(node, field, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                found += module_statements(inner, once)
        if not once:
            for handler in getattr(node, "handlers", []):
                found += module_statements(handler.body)
    return found


def _assigns(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == name for t in node.targets
    )


def initial_line(tree: ast.Module, key: str, near: int | None) -> int | None:
    """The line that first gives parameter `key` its value (where ND307 and ND301 point).

    Searched in the functions around line `near` (the training loop) first, innermost
    first, then in the whole file: `W1 = np.zeros(...)` inside `main()`, `self.W1 = ...`
    in `__init__`, `params["W1"] = ...`. An update (`W1 = W1 - lr * dW1`) is not one.
    """
    scopes: list[ast.AST] = []
    if near is not None:
        around = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.lineno <= near <= (node.end_lineno or node.lineno)
        ]
        scopes += sorted(around, key=lambda node: -node.lineno)
    scopes.append(tree)
    for scope in scopes:
        lines = [
            node.lineno
            for node in ast.walk(scope)
            if isinstance(node, ast.Assign) and _gives_value(node, key)
        ]
        lines += [line for node in ast.walk(scope) if (line := _entry_line(node, key))]
        if lines:
            return min(lines)
    return None


def _entry_line(node: ast.AST, key: str) -> int | None:
    """The line of `"ba": np.full(...)` in a dict made at once (`net = {...}`, `dict(ba=...)`)."""
    if isinstance(node, ast.Dict):
        for name in node.keys:
            if isinstance(name, ast.Constant) and name.value == key:
                return name.lineno
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "dict":
        return next((k.value.lineno for k in node.keywords if k.arg == key), None)
    return None


def _gives_value(node: ast.Assign, key: str) -> bool:
    def names(target: ast.AST) -> list[str]:
        if isinstance(target, ast.Tuple | ast.List):
            return [n for element in target.elts for n in names(element)]
        if isinstance(target, ast.Name):
            return [target.id]
        if isinstance(target, ast.Attribute):
            return [target.attr]
        if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
            return [str(target.slice.value)]
        return []

    if not any(key in names(target) for target in node.targets):
        return False
    read = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
    read |= {n.attr for n in ast.walk(node.value) if isinstance(n, ast.Attribute)}
    return key not in read


EXERCISE_SIZE_ARGUMENTS = ("input_size", "hidden_size")
LOG_FUNCTIONS = ("log", "log1p", "log2", "log10", "xlogy", "logaddexp")


def _named_loss(tree: ast.Module, subject: Subject) -> str | None:
    """Where the file says its loss is cross-entropy without a loss function we can call.

    The classic exercise's signature means BCE; so does a log of the outputs anywhere in
    the file (a loss printed in the training loop), but in a class or function the file
    never names (a `BCE` loss class beside the `MSE()` it trains with) unless the network
    lives there (a class never instantiated). Either rules out the squared-error reading
    of gradients that would otherwise be reported as a convention.
    """
    for function in subject.functions:
        node = next(
            (
                n
                for n in ast.walk(tree)
                if isinstance(n, ast.FunctionDef) and n.name == function.name.split(".")[-1]
            ),
            None,
        )
        if node is not None and all(
            a in [arg.arg for arg in node.args.args] for a in EXERCISE_SIZE_ARGUMENTS
        ):
            return f"the classic exercise's signature (`{function.name}`) means BCE"
    # (not the definitions netdoctor found the network in: a class never instantiated)
    own = [f.line for f in subject.functions]
    unused = [
        d
        for d in _never_used_definitions(tree)
        if not any(d.lineno <= line <= (d.end_lineno or d.lineno) for line in own)
    ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in LOG_FUNCTIONS and not _feature_log1p(node, name):
                if any(d.lineno <= node.lineno <= (d.end_lineno or d.lineno) for d in unused):
                    continue  # a `BCE` loss class the file defines and trains without
                subject.loss_hint_reduction = _reduction_around(tree, node)
                return f"your file computes a cross-entropy with {name}() at line {node.lineno}"
    hint = squared_error_hint(tree)  # no log anywhere: a squared error it computes, if any
    subject.squared_hint = [hint.source, hint.reduction, hint.half] if hint else None
    return None


def _never_used_definitions(tree: ast.Module) -> list[ast.AST]:
    """Classes and top-level functions the file defines and never names again (`class
    BCE(Loss)` beside the `MSE()` it trains with): their cross-entropy says nothing of the
    loss the file uses."""
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    read |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    read |= {  # `__all__`, `getattr(module, "bce")`, a registry's strings
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    return [
        node
        for node in tree.body
        if isinstance(node, ast.ClassDef | ast.FunctionDef) and node.name not in read
    ]


def _feature_log1p(call: ast.Call, name: str) -> bool:
    """`np.log1p(fare)`: a skewed feature made tame, no loss. A cross-entropy takes
    `log1p(-a)` (log(1 - a)) or `log1p(np.exp(-z))` (softplus)."""
    if name != "log1p" or not call.args:
        return False
    argument = call.args[0]
    negated = isinstance(argument, ast.UnaryOp) and isinstance(argument.op, ast.USub)
    exponential = any(
        isinstance(n, ast.Call) and getattr(n.func, "attr", getattr(n.func, "id", "")) == "exp"
        for n in ast.walk(argument)
    )
    return not (negated or exponential)


def _reduction_around(tree: ast.Module, log_call: ast.Call) -> str:
    """ "mean" when the statement holding the log averages it (`-np.mean(...)`, `.mean()`,
    `np.sum(...) / m`, `/ len(X)`), else "sum"."""
    statement = next(
        (
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.stmt)
            and not isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and n.lineno <= log_call.lineno <= (n.end_lineno or n.lineno)
            and not any(isinstance(c, ast.stmt) for c in ast.iter_child_nodes(n))
        ),
        None,
    )
    if statement is None:
        return "sum"
    for node in ast.walk(statement):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("mean", "average"):
                return "mean"
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return "mean"  # `np.sum(...) / m`, `/ len(X)`, `/ X.shape[0]`
    return "sum"


def _broadcasts(after: tuple[int, ...], before: tuple[int, ...]) -> bool:
    try:
        np.broadcast_shapes(after, before)
    except ValueError:
        return False
    return True


def _complete(gradients: dict[str, Any], structure: NetworkStructure, m: int) -> bool:
    """Every parameter got a gradient its update would keep the parameter's shape with.

    A bias gradient with one row per sample also counts: that is ND108 (not reduced over
    the samples), which only a batch shows, so the batch must not lose to one sample.
    """
    for slot in structure.slots:
        value = gradients.get(slot.name)
        if value is None:
            return False
        shape = tuple(np.shape(value))
        if (
            slot.kind == "bias"
            and m > 1
            and m in shape
            and np.size(value) == m * max(1, int(np.prod(slot.shape)))
        ):
            continue
        try:
            if np.broadcast_shapes(slot.shape, shape) != slot.shape:
                return False
        except ValueError:
            return False
    return True


def _iterates_over_samples(function: Callable[..., Any]) -> bool:
    """Whether a function loops over samples itself (per-sample SGD inside one call)."""
    tree = function_tree(function)
    if tree is None:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.For):
            # `for x, y in zip(X, Y)`, `for i in range(len(X))`, `range(X.shape[0])`: the
            # loop runs over the data, not over layers (`range(len(weights))`).
            names = {n.id for n in ast.walk(node.iter) if isinstance(n, ast.Name)}
            if any(role_of(name) in ("X", "Y") for name in names):
                return True
    return False
