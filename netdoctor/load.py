"""Load a user's file the safe way: run its definitions, skip its training.

People paste whole scripts: data, helpers, and a training loop of 10,000 epochs with a
print per epoch at top level. By default only definitions run (imports, functions,
classes, and assignments that build data or weights); loops, prints, training calls and
`if __name__ == "__main__":` blocks are skipped and listed, so a check takes seconds and
the user sees what was left out. The skipped loops stay available as syntax: a script
with no functions is checked by running one pass of its loop body (see discover).
"""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import json
import linecache
import os
import re
import tokenize
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from netdoctor.capture import BoundedOutput

# A call to one of the file's own functions whose name says it trains is never run at load.
TRAINING_NAME = re.compile(
    r"(train|fit|learn|descent|optimi[sz]e|epoch|loop|solve|run|main|experiment|plot|show|demo)",
    re.IGNORECASE,
)
SEED_CALL = re.compile(r"(^|\.)(seed|manual_seed|default_rng|RandomState)$")


class LoadError(Exception):
    """The file could not be read or parsed; the message says where and why."""

    def __init__(self, kind: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.line = line


@dataclass
class SkippedStatement:
    line: int
    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "source": self.source, "reason": self.reason}


@dataclass
class LoadedModule:
    """The user's namespace after load, with what was skipped and why."""

    path: str
    source: str
    tree: ast.Module
    namespace: dict[str, Any]
    skipped: list[SkippedStatement] = field(default_factory=list)
    failed: list[SkippedStatement] = field(default_factory=list)
    output: str = ""

    @property
    def lines(self) -> list[str]:
        return self.source.splitlines()

    def top_level_loops(self) -> list[ast.For | ast.While]:
        """Loops at top level, including those inside a `__main__` block."""
        loops: list[ast.For | ast.While] = []
        for node in self.tree.body:
            if isinstance(node, ast.For | ast.While):
                loops.append(node)
            elif isinstance(node, ast.If) and _is_main_guard(node):
                loops.extend(n for n in node.body if isinstance(n, ast.For | ast.While))
        return loops


def parsed_source(path: str | Path) -> tuple[str, ast.Module]:
    """`read_source`, once per version of the file: the finding-placement helpers ask for
    the same file's tree several times per finding. Read-only callers only (the tree is
    shared); a file changed since (another size or modification time) is read again."""
    stat = os.stat(path)
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _parsed(path: str, _mtime_ns: int, _size: int) -> tuple[str, ast.Module]:
    return read_source(path)


def read_source(path: str | Path) -> tuple[str, ast.Module]:
    """Read and parse a file; a missing file or a syntax error is a LoadError naming the line.

    A `.ipynb` notebook becomes its code cells in order, with shell (`!pip`) and magic
    (`%matplotlib`) lines blanked so line numbers still count every cell line. A byte-order
    mark or a coding cookie is honoured as Python itself would.
    """
    file = Path(path)
    if not file.exists():
        raise LoadError("missing-file", f"{path}: no such file. Check the path and try again.")
    if file.is_dir():
        raise LoadError("not-a-file", f"{path} is a directory: give the path of a .py file.")
    raw = file.read_bytes()
    if file.suffix == ".ipynb":
        source = notebook_source(raw, str(path))
        # tracebacks quote the code cells' lines (the joined source), not the JSON's; no
        # modification time, so linecache never reloads the JSON over it
        linecache.cache[str(path)] = (len(source), None, source.splitlines(True), str(path))
    else:
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
            source = raw.decode(encoding)
        except (SyntaxError, UnicodeDecodeError, LookupError):
            raise LoadError(
                "unreadable", f"{path} is not UTF-8 text: is it a Python source file?"
            ) from None
        source = source.lstrip("\ufeff")
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as error:
        line_text = (error.text or "").rstrip()
        where = f"{path}:{error.lineno}" if error.lineno else str(path)  # null bytes: no line
        message = f"{where}: syntax error: {error.msg}"
        if line_text:
            message += f"\n    {line_text.strip()}"
        message += "\nFix the syntax error (python -m py_compile FILE shows it too) and run again."
        raise LoadError("syntax-error", message, error.lineno) from None
    return source, tree


def notebook_source(raw: bytes, path: str) -> str:
    """A notebook's code cells as one script, their lines one after another (line N of a
    report is the N-th line of the code cells); `!` and `%` lines become `pass`."""
    return "\n".join(line for line, _ in _notebook_lines(raw, path)) + "\n"


def notebook_places(raw: bytes, path: str) -> list[tuple[int, int]]:
    """(cell, line in the cell) of each line of `notebook_source`, both from 1; cells
    counted from the top of the notebook, markdown ones included, as they are seen."""
    return [place for _, place in _notebook_lines(raw, path)]


def _notebook_lines(raw: bytes, path: str) -> list[tuple[str, tuple[int, int]]]:
    try:
        cells = json.loads(raw.decode("utf-8-sig")).get("cells", [])
    except (ValueError, AttributeError, UnicodeDecodeError):
        raise LoadError(
            "unreadable", f"{path} is not a readable Jupyter notebook (invalid JSON)."
        ) from None
    lines: list[tuple[str, tuple[int, int]]] = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        text = cell.get("source", "")
        text = "".join(text) if isinstance(text, list) else str(text)
        for at, line in enumerate(text.splitlines(), start=1):
            stripped = line.lstrip()
            if stripped.startswith(("!", "%")):
                line = line[: len(line) - len(stripped)] + "pass  # notebook: " + stripped
            lines.append((line, (number, at)))
    return lines


def classify_statement(node: ast.stmt, user_functions: set[str]) -> str | None:
    """Why a top-level statement is skipped at load, or None when it runs.

    Runs: imports, definitions, seeds, and assignments that build data or weights (no call
    to one of the file's functions whose name says it trains).
    """
    if isinstance(node, ast.Import | ast.ImportFrom):
        return None
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return None
    if isinstance(node, ast.For | ast.While | ast.AsyncFor):
        return "top-level loop (training is observed separately, never run at load)"
    if isinstance(node, ast.If):
        if _is_main_guard(node):
            return "`if __name__ == '__main__':` block"
        return "top-level `if` statement"
    if isinstance(node, ast.Expr):
        if isinstance(node.value, ast.Constant):
            return None  # docstring
        if isinstance(node.value, ast.Call) and SEED_CALL.search(_call_name(node.value)):
            return None
        return "top-level call or expression (prints and training calls are not run)"
    if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
        value = node.value
        if value is None:
            return None
        training = _training_call(value, user_functions)
        if training:
            return f"calls `{training}`, which looks like training"
        return None
    if isinstance(node, ast.Try):
        if all(isinstance(n, ast.Import | ast.ImportFrom) for n in node.body):
            return None
        return "top-level try block"
    if isinstance(node, ast.Pass):
        return None
    return f"top-level `{type(node).__name__.lower()}` statement"


def load_module(path: str | Path, *, run_all: bool = False) -> LoadedModule:
    """Run the file's definitions (or the whole file with run_all) and return its namespace.

    Each kept statement is compiled on its own with the user's file name, so line numbers in
    tracebacks and traces are the user's. A statement that raises is recorded, not fatal: a
    later one may not need it.
    """
    source, tree = read_source(path)
    path_text = str(path)
    namespace: dict[str, Any] = {
        "__name__": "__main__" if run_all else "__netdoctor_user__",
        "__file__": path_text,
        "__builtins__": __builtins__,
        **notebook_names(),
    }
    module = LoadedModule(path=path_text, source=source, tree=tree, namespace=namespace)
    user_functions = {
        n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)
    } | _assigned_instances(tree)
    lines = source.splitlines()
    captured = BoundedOutput()
    # The user's prints and numpy warnings are theirs, not ours: captured and silenced.
    with contextlib.redirect_stdout(captured), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for node in tree.body:
            reason = None if run_all else classify_statement(node, user_functions)
            text = _statement_text(lines, node)
            if reason is not None:
                module.skipped.append(SkippedStatement(node.lineno, text, reason))
                continue
            code = compile(ast.Module(body=[node], type_ignores=[]), path_text, "exec")
            try:
                with np.errstate(all="ignore"):
                    exec(code, namespace)
            except Exception as error:
                frame = _user_frame(error, path_text)
                module.failed.append(
                    SkippedStatement(frame or node.lineno, text, f"{type(error).__name__}: {error}")
                )
    module.output = captured.getvalue()[-4000:]
    return module


def _is_main_guard(node: ast.If) -> bool:
    test = node.test
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
    )


def _call_name(call: ast.Call) -> str:
    return ast.unparse(call.func)


def _training_call(expression: ast.expr, user_names: set[str]) -> str | None:
    """The first call in an expression to a user function or method that sounds like training."""
    for node in ast.walk(expression):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in user_names and TRAINING_NAME.search(func.id):
            return func.id
        if isinstance(func, ast.Attribute) and TRAINING_NAME.search(func.attr):
            root = func.value
            if isinstance(root, ast.Name) and root.id in user_names:
                return ast.unparse(func)
    return None


def _assigned_instances(tree: ast.Module) -> set[str]:
    """Names bound at top level to a call of one of the file's classes (`nn = Net(...)`)."""
    classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Name) and func.id in classes:
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def _statement_text(lines: list[str], node: ast.stmt) -> str:
    first = lines[node.lineno - 1].strip() if node.lineno - 1 < len(lines) else ""
    return first[:120]


def _user_frame(error: BaseException, path: str) -> int | None:
    """The deepest line of the user's file in an exception's traceback."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == path:
            line = frame.lineno
    return line


class _IPython:
    """`get_ipython()` outside IPython: every magic and system call does nothing."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: None


def notebook_names() -> dict[str, Any]:
    """Names a notebook exported to a script calls without importing them (`jupyter
    nbconvert --to script` writes `get_ipython().run_line_magic('matplotlib', 'inline')`;
    cells call `display(...)`): stand-ins that do nothing, so the script runs as it did
    there instead of stopping with a NameError before its network."""
    return {"get_ipython": _IPython, "display": lambda *objects, **options: None}
