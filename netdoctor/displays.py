"""Where a dict display's entry is: a gradient formed inside `grads = {"db2": ...}` or
`return {...}` spread over lines. The tracer sees the statement's first line; the entry's
own line is read from the file's syntax (a notebook's code cells as their lines count)."""

from __future__ import annotations

import ast
import functools

from netdoctor.load import read_source
from netdoctor.trace import Assignment


def entry_line(path: str, assignment: Assignment) -> int | None:
    """The line of a dict display's entry (`"db2": d2.sum(axis=0),` of a `return {...}` or a
    `grads = {...}` spread over lines), where the assignment's line is the statement's
    first: the entry named by the assignment's key."""
    key = _entry_key(assignment.name)
    if key is None or not path:
        return None
    for node in _statements_at(path, assignment.line):
        for display in (n for n in ast.walk(node) if isinstance(n, ast.Dict)):
            for name, value in zip(display.keys, display.values, strict=True):
                if isinstance(name, ast.Constant) and name.value == key:
                    return value.lineno
    return None


def _entry_key(name: str) -> str | None:
    if not name.endswith("']") or "['" not in name:
        return None
    return name[name.rindex("['") + 2 : -2]


@functools.lru_cache(maxsize=8)
def _statements(path: str) -> tuple[ast.stmt, ...]:
    try:
        _, tree = read_source(path)  # a notebook's code cells, as its lines are counted
    except Exception:  # the file moved or no longer parses: no entry line, as before
        return ()
    return tuple(n for n in ast.walk(tree) if isinstance(n, ast.stmt))


def _statements_at(path: str, line: int) -> list[ast.stmt]:
    return [s for s in _statements(path) if s.lineno == line]
