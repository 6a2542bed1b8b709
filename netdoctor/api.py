"""The Python API: the same checks as the command line, returning a Report object."""

from __future__ import annotations

import ast
import contextlib
import inspect
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from netdoctor.discover.common import DiscoverOptions
from netdoctor.discover.guess import _Finder
from netdoctor.engine import check_subject
from netdoctor.load import LoadedModule
from netdoctor.options import CheckOptions
from netdoctor.report import Report
from netdoctor.sandbox import check_in_child


def check(path: str | Path, **options: Any) -> Report:
    """Check a file the way `netdoctor check FILE` does (in a child process, time-limited).

    Options are those of the command line: run_all, timeout, gradients, forward,
    network_class, loss, hidden, learning_rate, seed.
    """
    return check_in_child(str(path), CheckOptions(**options))


def check_gradients(
    gradients: Callable[..., Any],
    parameters: dict[str, Any],
    X: Any,
    Y: Any,
    *,
    forward: Callable[..., Any] | None = None,
    loss_function: Callable[..., Any] | None = None,
    loss: str | None = None,
    learning_rate: float | None = None,
    seed: int = 0,
) -> Report:
    """Check a gradient (or update) function already imported, in this process.

    `parameters` maps the function's argument names to values: {"W1": W1, "b1": b1, ...}
    or {"params": params_dict}. The function is called with copies; your arrays are never
    changed.
    """
    namespace: dict[str, Any] = {"__name__": "__netdoctor_api__", "X": X, "Y": Y}
    namespace.update(parameters)
    functions = {gradients.__name__: gradients}
    if forward is not None:
        functions[forward.__name__] = forward
    if loss_function is not None:
        functions[loss_function.__name__] = loss_function
    namespace.update(functions)
    path = inspect.getsourcefile(gradients) or "<function>"
    source = Path(path).read_text() if Path(path).exists() else ""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = ast.Module(body=[], type_ignores=[])
    module = LoadedModule(path, source, tree, namespace)
    finder = _Finder(
        module,
        DiscoverOptions(
            gradients=gradients.__name__,
            forward=forward.__name__ if forward else None,
            loss_function=loss_function.__name__ if loss_function else None,
            learning_rate=learning_rate,
            seed=seed,
        ),
    )
    finder.functions = functions
    with contextlib.redirect_stdout(io.StringIO()):
        subject = finder.find()
        options = CheckOptions(loss=loss, seed=seed, train=False)
        report = check_subject(subject, options, path, source.splitlines())
    report.plot_data = {}
    return report
