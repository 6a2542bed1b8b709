"""Training written as a comprehension is run as the loop it stands for, and nothing else
changes: the same values, the same names after it, other comprehensions left as written."""

from __future__ import annotations

import ast
import textwrap
from typing import Any

from netdoctor.discover.unrolled import GATHER, Gatherer, unrolled

TRAINING = textwrap.dedent(
    """
    class Net:
        def __init__(self):
            self.w = 1.0

        def learn(self, x, t):
            self.w -= 0.1 * (self.w * x - t) * x
            return (self.w * x - t) ** 2

        def fit(self, xs, ts):
            return sum(self.learn(x, t) for x, t in zip(xs, ts) if x != 0)

    net = Net()
    losses = [net.learn(x, t) for x, t in [(1.0, 2.0), (2.0, 3.0)]]
    total = net.fit([0.0, 1.0, 3.0], [1.0, 1.0, 2.0])
    squares = [x * x for x in range(3)]
    """
)


def _run(tree: ast.Module) -> dict[str, Any]:
    namespace: dict[str, Any] = {GATHER: Gatherer()}
    exec(compile(tree, "<training>", "exec"), namespace)
    return namespace


def test_a_training_comprehension_becomes_a_loop_on_its_own_line() -> None:
    tree = ast.parse(TRAINING)
    loops = [node for node in ast.walk(unrolled(tree)) if isinstance(node, ast.For)]
    lines = {node.lineno for node in loops}
    source = TRAINING.splitlines()
    assert len(loops) == 2  # the two that call `learn`, not the squares
    assert {source[line - 1].strip()[:10] for line in lines} == {"losses = [", "return sum"}


def test_the_unrolled_file_computes_what_the_file_does() -> None:
    original = _run(ast.parse(TRAINING))
    changed = _run(unrolled(ast.parse(TRAINING)))
    assert changed["losses"] == original["losses"]
    assert changed["total"] == original["total"]
    assert changed["net"].w == original["net"].w
    assert changed["squares"] == [0, 1, 4]


def test_a_comprehension_whose_variable_names_something_else_is_left_alone() -> None:
    clashing = TRAINING.replace(
        "losses = [net.learn(x, t) for x, t in", "t = 5\nlosses = [net.learn(x, t) for x, t in"
    )
    loops = [n for n in ast.walk(unrolled(ast.parse(clashing))) if isinstance(n, ast.For)]
    assert len(loops) == 1  # only the one inside `fit`: at top level, `t` is a global too


def test_a_file_without_training_comprehensions_is_the_same_tree() -> None:
    tree = ast.parse("squares = [x * x for x in range(3)]\n")
    assert unrolled(tree) is tree
