"""ND202 in the loss the loop prints: the network's output is already a sigmoid, and the
pass squashes it once more before its cross-entropy (`out = self(xb); probs = sigmoid(out);
loss = -np.mean(yb * np.log(probs) + ...)`). The gradients may follow the network's own
output (`grad = out - yb`) while the loss the user watches is that of sigmoid(sigmoid(z)),
stuck in (0.5, 0.73): the line that squashes the output again is the bug."""

from __future__ import annotations

import ast

import numpy as np

from netdoctor.activations import stable_sigmoid
from netdoctor.discover.stepping import called_name
from netdoctor.evidence import DoubleActivation
from netdoctor.load import read_source
from netdoctor.subject import Subject
from netdoctor.trace import first_line_building


def squashed_before_the_loss(subject: Subject) -> DoubleActivation | None:
    """The pass's line holding sigmoid(output) whose name a later `log(...)` reads, when
    the file computes its cross-entropy inline (`subject.loss_hint`); None otherwise."""
    if subject.forward is None or not subject.loss_hint:
        return None
    try:
        output = np.asarray(subject.forward(subject.initial), dtype=np.float64)
        trace = subject.traced("claimed", subject.initial)
        _, tree = read_source(subject.path)
    except Exception:
        return None
    if output.size == 0 or not np.all((output > 0) & (output < 1)):
        return None  # not a sigmoid's output: squashing it is no second sigmoid
    m = subject.X.shape[0]
    # (by a name: `sigmoid`'s own return line holds the doubled value first)
    found = first_line_building(trace.bound_to_names(), stable_sigmoid(output), output, m)
    if found is None or not _logged_after(tree, found.name, found.line):
        return None
    return DoubleActivation("loss", "sigmoid", found.line)


def _logged_after(tree: ast.Module, name: str, line: int) -> bool:
    """Whether a statement after `line` takes the log of an expression reading `name`."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args and getattr(node, "lineno", 0) > line):
            continue
        if called_name(node) in ("log", "log1p", "log2", "log10") and any(
            isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.args[0])
        ):
            return True
    return False
