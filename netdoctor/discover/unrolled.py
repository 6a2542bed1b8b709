"""Training written as a comprehension, run as the loop it stands for.

`L = np.mean([net.train(x, y) for x, y in dataset])`, or `sum(net.learn(x, t) for x, t in
pairs)`: one training step per sample, inside an expression. The follower watches loops,
and a comprehension is none: the pass of the loop around it is a whole epoch of steps.
So the tree the file runs as is a copy where such a comprehension is the loop it stands
for, on the same line, gathering the same values:

    _netdoctor_gather.start(1)
    for x, y in dataset: _netdoctor_gather.add(1, net.train(x, y))
    L = np.mean(_netdoctor_gather.take(1))

(through an object in the file's globals: a pass of the loop is re-run from the locals as
it began, before the statement's first part ran). Only comprehensions whose element
calls a function of the file that updates something from its own value (or calls one
that does), and whose variables name nothing else in their scope (a loop's variables
outlive it; a comprehension's do not).
"""

from __future__ import annotations

import ast
import copy
from typing import Any

from netdoctor.discover.loops import function_nodes
from netdoctor.discover.repeated import updating_functions
from netdoctor.discover.stepping import called_name

GATHER = "_netdoctor_gather"  # one underscore: in a class, two would be mangled


class Gatherer:
    """The values each unrolled comprehension's loop made, by its number."""

    def __init__(self) -> None:
        self.made: dict[int, list[Any]] = {}

    def start(self, number: int) -> None:
        self.made[number] = []

    def add(self, number: int, value: Any) -> None:
        self.made.setdefault(number, []).append(value)

    def take(self, number: int) -> list[Any]:
        return self.made.pop(number, [])


def unrolled(tree: ast.Module) -> ast.Module:
    """A copy of `tree` with its training comprehensions written as loops (`tree` itself
    when it has none)."""
    updaters = _updating_names(tree)
    if not updaters:
        return tree
    result = copy.deepcopy(tree)
    count = _Unroller(updaters).unroll(result)
    if not count:
        return tree
    ast.fix_missing_locations(result)
    return result


def _updating_names(tree: ast.Module) -> set[str]:
    """Names of the file's functions that step something from its own value (`self.w -=
    lr * g`), or call (by name) one that does: `train` calling `self.update(lr)`."""
    updating = {name for name, _ in updating_functions(tree)}
    calls = {
        key[0]: {called_name(n) for n in ast.walk(node) if isinstance(n, ast.Call)}
        for key, node in function_nodes(tree).items()
    }
    while True:
        more = {name for name, called in calls.items() if called & updating} - updating
        if not more:
            return updating
        updating |= more


class _Unroller:
    def __init__(self, updaters: set[str]) -> None:
        self.updaters = updaters
        self.count = 0

    def unroll(self, scope: ast.Module | ast.FunctionDef | ast.AsyncFunctionDef) -> int:
        """Unroll in this scope's statements, then in the functions it defines."""
        self._bodies(scope, scope)
        for node in ast.walk(scope):
            if node is not scope and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self._bodies(node, node)
        return self.count

    def _bodies(self, node: ast.AST, scope: ast.AST) -> None:
        for field in ("body", "orelse", "finalbody"):
            statements = getattr(node, field, None)
            if isinstance(statements, list) and statements and isinstance(statements[0], ast.stmt):
                setattr(node, field, self._statements(statements, scope))
        for child in getattr(node, "body", []) + getattr(node, "orelse", []):
            if isinstance(child, ast.For | ast.While | ast.If | ast.With | ast.Try):
                self._bodies(child, scope)
            for handler in getattr(child, "handlers", []):
                self._bodies(handler, scope)

    def _statements(self, statements: list[ast.stmt], scope: ast.AST) -> list[ast.stmt]:
        written: list[ast.stmt] = []
        for statement in statements:
            comprehension = self._training(statement, scope)
            if comprehension is None:
                written.append(statement)
                continue
            written += self._as_loop(statement, comprehension)
        return written

    def _training(
        self, statement: ast.stmt, scope: ast.AST
    ) -> ast.ListComp | ast.GeneratorExp | None:
        """The statement's one comprehension that trains, if its variables are free."""
        if not isinstance(
            statement, ast.Assign | ast.AugAssign | ast.Expr | ast.AnnAssign | ast.Return
        ):
            return None
        found = [
            node
            for node in ast.walk(statement)
            if isinstance(node, ast.ListComp | ast.GeneratorExp)
            and len(node.generators) == 1
            and not node.generators[0].is_async
            and isinstance(node.elt, ast.Call)
            and called_name(node.elt) in self.updaters
        ]
        if len(found) != 1:
            return None
        comprehension = found[0]
        variables = {
            n.id for n in ast.walk(comprehension.generators[0].target) if isinstance(n, ast.Name)
        }
        elsewhere = _scope_names(scope)
        return None if variables & elsewhere else comprehension

    def _as_loop(
        self, statement: ast.stmt, comprehension: ast.ListComp | ast.GeneratorExp
    ) -> list[ast.stmt]:
        self.count += 1
        number = ast.Constant(self.count)
        generator = comprehension.generators[0]
        gather: ast.stmt = ast.Expr(_gatherer_call("add", number, comprehension.elt))
        for condition in reversed(generator.ifs):
            gather = ast.If(condition, [gather], [])
        start = ast.Expr(_gatherer_call("start", number))
        loop = ast.For(generator.target, generator.iter, [gather], [])
        _replace(statement, comprehension, _gatherer_call("take", number))
        made = [start, loop]
        for node in made:
            for inner in ast.walk(node):
                if isinstance(inner, ast.stmt | ast.expr):
                    ast.copy_location(inner, statement)
                    # on the statement's first line only: ending on its last, the loop's
                    # jumps report that line, and a comprehension over two lines ran as a
                    # loop whose passes alternate between its lines (half of them empty)
                    inner.end_lineno, inner.end_col_offset = inner.lineno, inner.col_offset
        return [*made, statement]


def _gatherer_call(method: str, *arguments: ast.expr) -> ast.Call:
    return ast.Call(
        ast.Attribute(ast.Name(GATHER, ast.Load()), method, ast.Load()), list(arguments), []
    )


def _replace(statement: ast.stmt, old: ast.expr, new: ast.expr) -> None:
    """`old` replaced by `new` wherever the statement holds it."""
    for parent in ast.walk(statement):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, ast.copy_location(new, old))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if item is old:
                        value[index] = ast.copy_location(new, old)


_OWN_SCOPES = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.Lambda,
    ast.ClassDef,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def _scope_names(scope: ast.AST) -> set[str]:
    """The names the scope's own statements use: not those of the functions, classes and
    comprehensions inside it, which have scopes of their own."""
    found: set[str] = set()
    if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):  # `fit(self, X, y)`
        found |= {a.arg for a in ast.walk(scope.args) if isinstance(a, ast.arg)}
    pending = list(ast.iter_child_nodes(scope))
    while pending:
        node = pending.pop()
        if isinstance(node, _OWN_SCOPES):
            continue
        if isinstance(node, ast.Name):
            found.add(node.id)
        pending += ast.iter_child_nodes(node)
    return found
