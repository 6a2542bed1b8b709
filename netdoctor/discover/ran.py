"""Which updates a pass ran, moved or not.

A training loop whose update changes nothing (zero weights on XOR are an exact fixed
point: every gradient is 0) is still a training loop: its update statements ran. A pass
that calls a method stepping `self.w` ran that update for the object it was called on
only: a loop over neurons calling `neuron.step(lr)` steps one neuron per pass, not every
object with a `w`.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Sequence
from typing import Any

from netdoctor.discover.loops import assigned_targets, function_nodes, target_key, update_keys


def updates_that_ran(
    lines: dict[int, set[str]], lines_run: set[int], calls: Sequence[Any], tree: ast.AST
) -> set[str]:
    """The names a pass updated from their own value (`W1 -= lr * dW1` ran: `lines` are
    the loop's update lines, `lines_run` those that ran), there or in a function it called
    (`layer.weights += v` in an optimizer's `update`); `w@<id>` for a method's `self.w`."""
    ran = {key for line, keys in lines.items() if line in lines_run for key in keys}
    updating = updates_by_function(tree)
    for record in calls:
        for key in updating.get((record.code.co_name, record.code.co_firstlineno), ()):
            if key.startswith("self.") and record.instance is not None:
                ran.add(f"{key[5:]}@{id(record.instance)}")  # that neuron's, no other's
            else:
                ran.add(key.removeprefix("self."))
    return ran


@functools.lru_cache(maxsize=16)
def updates_by_function(tree: ast.AST) -> dict[tuple[str, int], frozenset[str]]:
    """(name, first line) of each function -> the attributes and items it updates from their
    own value (`layer.weights += v`), which its caller sees (not its own locals, `out =
    np.clip(out, ...)`); `self.w` as such: only the object the method was called on. Once
    per tree: the follower asks at every pass it checks."""
    found = {}
    for where, node in function_nodes(tree).items():
        lines = {
            n.lineno
            for n in ast.walk(node)
            if isinstance(n, ast.Assign | ast.AugAssign)
            and all(isinstance(t, ast.Attribute | ast.Subscript) for t in assigned_targets(n))
        }
        own = {  # `self.w -= ...`: the attribute of the object the method was called on
            (n.lineno, target_key(t))
            for n in ast.walk(node)
            if isinstance(n, ast.Assign | ast.AugAssign)
            for t in assigned_targets(n)
            if _of_self(t)
        }
        arguments = {a.arg for a in ast.walk(node.args) if isinstance(a, ast.arg)} - {"self"}
        handed = {  # `X[:] = 1 / (1 + np.exp(-X))` of a helper: the caller's array, any name
            (n.lineno, t.value.id)
            for n in ast.walk(node)
            if isinstance(n, ast.Assign | ast.AugAssign)
            for t in assigned_targets(n)
            if isinstance(t, ast.Subscript)
            and isinstance(t.value, ast.Name)
            and t.value.id in arguments
        }
        found[where] = frozenset(
            f"self.{key}" if (line, key) in own else key
            for line, key in update_keys(node)
            if line in lines and (line, key) not in handed
        )
    return found


def _of_self(target: ast.expr) -> bool:
    """`self.w`, `self.w[j]`: an attribute of the method's own object."""
    while isinstance(target, ast.Subscript):
        target = target.value
    return (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
    )
