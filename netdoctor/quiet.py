"""The user's prints and plots while the recorder repeats their training step.

The recorder runs the step up to thousands of times; a `print(loss)` or a `plt.savefig`
in it would cost more than the arithmetic, and nobody reads them (the report keeps no
output of training). Only the calls that draw or write are stubbed: a stubbed
`plt.subplots` would break a step that unpacks it.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import Any

# pyplot calls that only show or write a picture (each returns None)
_PYPLOT_OUTPUT = ("show", "pause", "draw", "savefig")


class NullWriter(io.TextIOBase):
    """A text stream that drops what it is given."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)


@contextlib.contextmanager
def quiet_user_output() -> Iterator[None]:
    """stdout goes nowhere; pyplot's show, pause, draw and savefig (and Figure.savefig) do
    nothing, where the user's file has imported matplotlib."""
    restore: list[tuple[Any, str, Any]] = []
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        restore += [(pyplot, n, getattr(pyplot, n)) for n in _PYPLOT_OUTPUT if hasattr(pyplot, n)]
    figure = sys.modules.get("matplotlib.figure")
    if figure is not None and hasattr(figure, "Figure"):
        restore.append((figure.Figure, "savefig", figure.Figure.savefig))
    for owner, name, _ in restore:
        setattr(owner, name, _nothing)
    try:
        with contextlib.redirect_stdout(NullWriter()):
            yield
    finally:
        for owner, name, value in restore:
            setattr(owner, name, value)


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None
