"""A student's own gradient check in the file: loops that compare, not train.

Course files (ex4 and its ports) run `checkNNGradients()` before training: a loop over
every entry of the parameters that perturbs it and fills `numgrad[p]` with a finite
difference. Its passes change arrays, like a training step's, but nothing is trained; the
training loop comes after it.
"""

from __future__ import annotations

import ast

# `numgrad[i] = (J(theta + e) - J(theta)) / e`: the step of a one-sided difference
_DIFFERENCE_STEPS = ("e", "eps", "epsilon", "h")


def finite_differences(loop: ast.For | ast.While) -> bool:
    """Whether the loop fills an array entry by entry with finite differences, `numgrad[p]
    = (loss2 - loss1) / (2 * e)`: the student's own gradient check (`checkNNGradients`
    before training, as ex4 does), whose pass changes arrays but trains nothing."""
    for node in ast.walk(loop):
        if not isinstance(node, ast.Assign) or not isinstance(node.targets[0], ast.Subscript):
            continue
        value = node.value
        if not (
            isinstance(value, ast.BinOp)
            and isinstance(value.op, ast.Div)
            and isinstance(value.left, ast.BinOp)
            and isinstance(value.left.op, ast.Sub)
        ):
            continue
        step = value.right
        if isinstance(step, ast.BinOp) and isinstance(step.op, ast.Mult):
            if any(isinstance(s, ast.Constant) and s.value == 2 for s in (step.left, step.right)):
                return True
        if isinstance(step, ast.Name) and step.id.lower() in _DIFFERENCE_STEPS:
            return True
    return False
