"""The loss a training loop computes inline (`loss = np.mean((out - y) ** 2)`), as a function.

A file without a loss function often still says which loss it means: the loop computes one
to print. Run from any parameter values, the pass gives that number; `identify.identify_loss`
fingerprints it against the BCE and squared-error variants, so the truth is computed for
the loss the user watches, not for a default.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

import numpy as np

from netdoctor.discover.replay import Pass
from netdoctor.floats import user_errstate
from netdoctor.subject import ParameterValues

# `loss`, `cost`, `J`, `mse`, `epoch_loss`, `total_error`: a scalar named like a loss
LOSS_LOCAL = re.compile(r"^(j|.*(loss|cost|mse|bce|entropy|error|err)\w*)$", re.IGNORECASE)

LoopLoss = tuple[str, int, Callable[[ParameterValues], float]]


def loop_loss(runner: Pass, initial: ParameterValues) -> LoopLoss | None:
    """(name, line, loss of one pass) for the first loss-named scalar the loop body assigns."""
    assigned = _assignments(runner.step.loop.node.body)
    if not assigned:
        return None
    try:
        with user_errstate():
            local = runner.run(initial)
    except Exception:
        return None
    for line, name in assigned:
        if _scalar(local.get(name)) is not None:
            return name, line, _reader(runner, name)
    return None


def _reader(runner: Pass, name: str) -> Callable[[ParameterValues], float]:
    def loss(values: ParameterValues) -> float:
        with user_errstate():
            value = _scalar(runner.run(values).get(name))
        if value is None:
            raise ValueError(f"the loop's `{name}` is not a number at these parameters")
        return value

    return loss


def _assignments(body: list[ast.stmt]) -> list[tuple[int, str]]:
    """Plain `name = ...` assignments in the body, in order (not `+=`: a running total over
    samples or epochs is not the loss at one point)."""
    found: list[tuple[int, str]] = []
    for statement in body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Assign):
                found += [
                    (node.lineno, t.id)
                    for t in node.targets
                    if isinstance(t, ast.Name) and LOSS_LOCAL.match(t.id)
                ]
    return sorted(set(found))


def _scalar(value: object) -> float | None:
    if isinstance(value, float | np.floating) or (
        isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind == "f"
    ):
        number = float(np.asarray(value).reshape(-1)[0])
        return number if np.isfinite(number) else None
    return None
