"""Where stale weights (ND111) are read: the statement of the step that feeds the hidden
delta the output weights it already updated. Inside a helper handed those weights (`d1 =
(d2 @ W2.T) * (1 - a1 ** 2)` of `hidden_grads(x, a1, d2, W2)`), the helper is right and
the slip is its call, made after the update: the call's line. A method reading its own
`self.W2` after stepping it (`train_once(X, y)`) holds the slip itself."""

from __future__ import annotations

import ast

from netdoctor.delta_lines import innermost_function
from netdoctor.discover.update_sites import (
    mentions,
    own_update_line,
    parameter_token,
    token_of,
)
from netdoctor.load import read_source
from netdoctor.subject import Subject
from netdoctor.trace import Trace


def stale_read_line(subject: Subject, trace: Trace, line: int) -> int:
    """The line to show for stale weights found in the delta formed at `line`."""
    try:
        _, tree = read_source(subject.path)
    except Exception:
        return line
    last = max(slot.layer for slot in subject.structure.slots)
    names = [s.name for s in subject.structure.slots if s.kind == "weight" and s.layer == last]
    tokens = {token for name in names if (token := parameter_token(name)) is not None}
    line = _read_before(tree, tokens, line) or line
    return _called_after_the_update(tree, trace, names, tokens, line) or line


def _read_before(tree: ast.Module, tokens: set[str], line: int) -> int | None:
    """The statement feeding `line` that reads the output weights: the hidden error
    `l1_error = l2_delta.dot(syn1.T)` one line above the delta `l1_delta = l1_error *
    sigmoid(l1, deriv=True)` that holds the mutant's value."""
    statements = sorted(
        (n for n in ast.walk(tree) if isinstance(n, ast.Assign)), key=lambda n: n.lineno
    )
    at_line = [n for n in statements if n.lineno == line]
    if not at_line or any(mentions(at_line[0].value, t) for t in tokens):
        return None
    read = {n.id for n in ast.walk(at_line[0].value) if isinstance(n, ast.Name)}
    for node in reversed([n for n in statements if n.lineno < line]):
        targets = {t.id for t in node.targets if isinstance(t, ast.Name)}
        if targets & read and any(mentions(node.value, t) for t in tokens):
            return node.lineno
    return None


def _called_after_the_update(
    tree: ast.Module, trace: Trace, names: list[str], tokens: set[str], line: int
) -> int | None:
    """The line calling the function that holds `line`, when that call hands it the
    output weights (`names`, by `tokens`) and the function updates none of them itself;
    the run must have called it from one line only."""
    function = innermost_function(tree, line)
    if function is None:
        return None
    if any(own_update_line(function, name) is not None for name in names):
        return None
    first = min([function.lineno, *(d.lineno for d in function.decorator_list)])
    callers = {
        call.line
        for call in trace.calls
        if call.helper == function.name and call.helper_line in (first, function.lineno)
    }
    if len(callers) != 1:
        return None
    caller = callers.pop()
    handed = [
        argument
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node, "lineno", None) == caller
        if token_of(node.func) == function.name
        for argument in [*node.args, *(k.value for k in node.keywords)]
    ]
    return caller if any(mentions(a, t) for a in handed for t in tokens) else None
