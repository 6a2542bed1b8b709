"""Options and errors shared by every way of finding the network."""

from __future__ import annotations

import ast
import inspect
import textwrap
import traceback
from dataclasses import asdict, dataclass
from typing import Any

DEFAULT_LEARNING_RATE = 0.1


@dataclass
class DiscoverOptions:
    """Names that point discovery at the right code when the file is ambiguous."""

    gradients: str | None = None  # function or method computing gradients or doing one update
    forward: str | None = None
    network_class: str | None = None
    loss_function: str | None = None
    hidden: int = 4
    learning_rate: float | None = None
    seed: int = 0
    skip_loops: tuple[int, ...] = ()  # header lines of training loops already checked

    def to_dict(self) -> dict[str, Any]:
        """As JSON data (what the judge asks the worker for, and the worker's argv): the
        worker answers a request with the same options from what it found at its start."""
        return {**asdict(self), "skip_loops": list(self.skip_loops)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DiscoverOptions:
        return cls(**{**data, "skip_loops": tuple(data.get("skip_loops", ()))})


class DiscoveryError(Exception):
    """No network, or more than one, or the user's code raised while we looked."""

    def __init__(self, kind: str, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.line = line


# Errors another form of the data can cure (a transposed batch, one sample at a time): the
# shapes, indices and types the user's code meets. Anything else (a RuntimeError, a
# ZeroDivisionError, a NameError) happens whatever the data looks like, so the code is not
# called again with another form of it.
LAYOUT_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,
    IndexError,
    TypeError,
    AttributeError,
    AssertionError,
    KeyError,
)


class UserCodeError(Exception):
    """The user's code raised while called with every plausible form of the data."""

    def __init__(self, error: BaseException, path: str, what: str) -> None:
        self.error = error
        self.frames = user_frames(error, path)
        self.line = self.frames[-1][0] if self.frames else None
        where = "".join(f"\n  line {line} in {func}: {text}" for line, func, text in self.frames)
        super().__init__(f"{what} raised {type(error).__name__}: {error}{where}")


def user_frames(error: BaseException, path: str) -> list[tuple[int, str, str]]:
    return [
        (frame.lineno or 0, frame.name, (frame.line or "").strip())
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename == path
    ]


def function_tree(function: Any) -> ast.Module | None:
    """The syntax of one of the user's functions, from its source (dedented: a method's);
    None when it has none to read (a builtin, a lambda's line that does not parse alone)."""
    try:
        return ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return None
