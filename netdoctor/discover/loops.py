"""The loops of the user's file, and the names it updates from their own value (from its syntax)."""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class LoopInfo:
    node: ast.For | ast.While
    header: int
    body_lines: tuple[int, int]
    enclosing: tuple[int, ...]  # headers of loops around it in the same function


def loops_by_function(tree: ast.Module) -> dict[tuple[str, int], list[LoopInfo]]:
    """Loops per code object, keyed as (name, first line) like `co_name, co_firstlineno`."""
    found: dict[tuple[str, int], list[LoopInfo]] = {}

    def visit(node: ast.AST, key: tuple[str, int], enclosing: tuple[int, ...]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                first = child.decorator_list[0].lineno if child.decorator_list else child.lineno
                visit(child, (child.name, first), ())
            elif isinstance(child, ast.ClassDef):
                visit(child, key, enclosing)
            elif isinstance(child, ast.For | ast.While):
                body = (child.body[0].lineno, max(n.end_lineno or n.lineno for n in child.body))
                found.setdefault(key, []).append(LoopInfo(child, child.lineno, body, enclosing))
                visit(child, key, (*enclosing, child.lineno))
            else:
                visit(child, key, enclosing)

    visit(tree, ("<module>", 1), ())
    return found


def updated_names(tree: ast.Module) -> set[str]:
    """Names the file updates from their own value: `W -= g`, `W = W - g`, `p[k] -= g`."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.AugAssign):
            names.add(_target_key(node.target))
        elif isinstance(node, ast.Assign):
            read = {
                _target_key(n)
                for n in ast.walk(node.value)
                if isinstance(n, ast.Name | ast.Attribute | ast.Subscript)
            }
            for target in node.targets:
                elements = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
                names.update(k for k in map(_target_key, elements) if k in read)
    names.discard("")
    return names


def flowing_names(tree: ast.Module) -> set[str]:
    """Names a loop rebinds to a fresh value each pass, never by arithmetic on themselves.

    `output = x` then `output = layer.forward(output)` through a list of layers, or
    `grad = loss_prime(y, output)` then `grad = layer.backward(grad, lr)`: values flowing
    through the network, not parameters, though they change in every pass."""
    reset: set[str] = set()
    arithmetic: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            arithmetic.add(node.target.id)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.BinOp):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in _names(node.value):
                    arithmetic.add(target.id)
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.For | ast.While):
            continue
        for statement in loop.body:
            for node in ast.walk(statement):
                if not isinstance(node, ast.Assign):
                    continue
                read = _names(node.value)
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id not in read:
                        reset.add(target.id)
    return reset - arithmetic


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _target_key(node: ast.AST) -> str:
    if isinstance(node, ast.Subscript):
        return _target_key(node.value)
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def loop_targets(node: ast.For | ast.While) -> set[str]:
    if isinstance(node, ast.For):
        return {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
    return set()
