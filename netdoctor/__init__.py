"""netdoctor: diagnoses neural networks written by hand in NumPy.

`netdoctor.check(path)` checks a file (in a child process, with a time limit) and returns
a Report; `netdoctor.check_gradients(...)` checks functions already imported. Heavy
modules load on first use: `import netdoctor` stays cheap and never imports matplotlib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netdoctor.version import __version__

__all__ = ["__version__", "check", "check_gradients"]

if TYPE_CHECKING:
    from netdoctor.api import check, check_gradients


def __getattr__(name: str) -> Any:
    if name in ("check", "check_gradients"):
        from netdoctor import api

        return getattr(api, name)
    raise AttributeError(f"module 'netdoctor' has no attribute {name!r}")
