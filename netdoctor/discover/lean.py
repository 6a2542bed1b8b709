"""The reporting a training loop does every N passes, left out of the passes that record
the training.

A pass re-runs with the loop's variables as the observed pass had them: `epoch` is 0 in
every re-run, so a branch the user's own run takes once in a hundred passes
(`if epoch % 100 == 0: print(loss(X, Y))`) is taken in every recorded step, and a decision
boundary the file redraws every 250 steps was drawn at each of 1,500. A branch whose every
statement only shows something (print, matplotlib, logging, a history list nothing else in
the pass reads) or binds names nothing else in the pass reads changes no parameter: the
recorded steps run without it. `Pass.run` still checks once that the lean pass moves the
parameters exactly as the whole one does, and keeps the whole one where it does not.
"""

from __future__ import annotations

import ast
import copy
import types
from typing import Any

import numpy as np

# modules whose calls only show or wait: `plt.pause`, `logging.info`, `time.sleep`
_SHOWING_MODULES = ("matplotlib", "logging", "IPython", "tqdm", "time", "pprint", "seaborn")
_SHOWING_FUNCTIONS = {"print", "display", "clear_output", "pprint"}
# calls a branch's condition may make: they read, they change nothing
_READING_BUILTINS = {"len", "int", "float", "abs", "round", "bool", "min", "max"}


def lean_body(body: list[ast.stmt], namespace: dict[str, Any]) -> list[ast.stmt] | None:
    """A copy of the loop `body` with each reporting branch replaced by `pass` (so the
    statements keep their places), or None when it has none. `namespace` holds what the
    body's names were bound to as the observed pass began (the plotting axes, the logger)."""
    lean = [copy.deepcopy(statement) for statement in body]
    pruner = _Pruner(lean, namespace)
    lean = [pruner.visit(statement) for statement in lean]
    return lean if pruner.pruned else None


class _Pruner(ast.NodeTransformer):
    def __init__(self, body: list[ast.stmt], namespace: dict[str, Any]) -> None:
        self.body = body
        self.namespace = namespace
        self.pruned = 0

    def visit_FunctionDef(self, node: ast.AST) -> ast.AST:
        return node  # a function the body defines reports when it is called, not here

    visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = visit_FunctionDef

    def visit_If(self, node: ast.If) -> ast.AST:
        if _reading_test(node.test) and self._reports(node, node.body + node.orelse):
            self.pruned += 1
            return ast.copy_location(ast.Pass(), node)
        return self.generic_visit(node)

    def _reports(self, branch: ast.If, statements: list[ast.stmt]) -> bool:
        read_elsewhere = _names_read_outside(self.body, branch)
        return all(self._only_shows(s, read_elsewhere) for s in statements)

    def _only_shows(self, statement: ast.stmt, read_elsewhere: set[str]) -> bool:
        if isinstance(statement, ast.Pass):
            return True
        if isinstance(statement, ast.If):
            return _reading_test(statement.test) and all(
                self._only_shows(s, read_elsewhere) for s in statement.body + statement.orelse
            )
        if isinstance(statement, ast.Expr):
            value = statement.value
            if isinstance(value, ast.Constant):
                return True  # a docstring-like string
            return isinstance(value, ast.Call) and self._showing_call(value, read_elsewhere)
        if isinstance(statement, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            if not all(_plain_names(t) for t in targets):
                return False  # `self.acc = ...`, `log[k] = ...`: state another pass may read
            bound = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
            return not bound & read_elsewhere
        return False

    def _showing_call(self, call: ast.Call, read_elsewhere: set[str]) -> bool:
        function = call.func
        if isinstance(function, ast.Name):
            return function.id in _SHOWING_FUNCTIONS and function.id not in self.namespace
        chain: list[str] = []
        indexed = False  # `axes[0, 1].plot(...)`: one of an array of axes
        while isinstance(function, ast.Attribute | ast.Subscript):
            if isinstance(function, ast.Attribute):
                chain.append(function.attr)
            else:
                indexed = True
            function = function.value
        if not isinstance(function, ast.Name) or function.id not in self.namespace:
            return False
        root, chain = function.id, chain[::-1]
        value = self.namespace[root]
        if isinstance(value, list) and chain == ["append"] and not indexed:
            return root not in read_elsewhere  # a history nothing else in the pass reads
        if isinstance(value, types.ModuleType):
            if value.__name__ == "sys":
                return bool(chain) and chain[0] in ("stdout", "stderr")
            return value.__name__.split(".")[0] in _SHOWING_MODULES
        if indexed and isinstance(value, np.ndarray | list | tuple):
            flat = np.asarray(value, dtype=object).ravel()
            value = flat[0] if flat.size else value
        return type(value).__module__.split(".")[0] in ("matplotlib", "logging", "tqdm")


def _reading_test(test: ast.expr) -> bool:
    """A condition that changes nothing: `epoch % 100 == 0`, `verbose and i == n - 1`."""
    return all(
        isinstance(call.func, ast.Name) and call.func.id in _READING_BUILTINS
        for call in ast.walk(test)
        if isinstance(call, ast.Call)
    ) and not any(isinstance(n, ast.NamedExpr) for n in ast.walk(test))


def _plain_names(target: ast.expr) -> bool:
    if isinstance(target, ast.Name):
        return True
    if isinstance(target, ast.Tuple | ast.List):
        return all(_plain_names(t) for t in target.elts)
    return False


def _names_read_outside(body: list[ast.stmt], branch: ast.AST) -> set[str]:
    """Names the pass reads (or deletes) anywhere but inside `branch`."""
    inside = {id(node) for node in ast.walk(branch)}
    return {
        node.id
        for statement in body
        for node in ast.walk(statement)
        if isinstance(node, ast.Name)
        and isinstance(node.ctx, ast.Load | ast.Del)
        and id(node) not in inside
    }
