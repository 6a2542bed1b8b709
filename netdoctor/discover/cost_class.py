"""The loss of the cost class a training step uses (`self.cost.delta(z, a, y)` of
Nielsen's network2 with `QuadraticCost` or `CrossEntropyCost`): the class defines both
costs, and the file's text names cross-entropy whichever the network was built with. The
class whose method the pass called is the one in use; its own loss method (`fn(a, y)`)
tells which loss it is, fingerprinted like any loss function of (outputs, targets)."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from netdoctor.discover.loop_loss import loss_shaped

# the methods a cost class computes its value with
_VALUE_METHODS = ("fn", "value", "loss", "cost", "compute", "forward", "__call__")


def cost_class_loss(calls: Sequence[Any]) -> tuple[str, Callable[..., Any]] | None:
    """(Class.method, callable of (outputs, targets)) of the loss method of a class whose
    method the pass called, when that method returns a loss-shaped value."""
    for record in calls:
        owner = _owner(record)
        if owner is None:
            continue
        for name in _VALUE_METHODS:
            member = owner.__dict__.get(name)
            function = getattr(member, "__func__", member)
            if function is None or function is record.function or not callable(function):
                continue
            if isinstance(member, staticmethod):
                bound: Any = getattr(owner, name)
            elif record.instance is not None:
                bound = getattr(record.instance, name)
            else:
                continue
            if _positional(bound) == 2 and _returns_a_loss(function):
                return f"{owner.__name__}.{name}", bound
    return None


def _owner(record: Any) -> type | None:
    """The class a recorded call's method belongs to."""
    if record.instance is not None:
        return type(record.instance)
    parts = getattr(record.code, "co_qualname", "").split(".")
    if len(parts) < 2 or "<locals>" in parts:
        return None
    function = record.function
    found = getattr(inspect.getmodule(function), parts[-2], None) if function else None
    if found is None and function is not None:
        found = getattr(function, "__globals__", {}).get(parts[-2])
    return found if isinstance(found, type) else None


def _positional(function: Any) -> int:
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return -1
    return sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in parameters)


def _returns_a_loss(function: Any) -> bool:
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return False
    return any(
        isinstance(node, ast.Return) and node.value is not None and loss_shaped(node.value)
        for node in ast.walk(tree)
    )
