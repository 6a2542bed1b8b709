"""Writes of the checked code, kept in a throwaway folder when the sandbox is read-only.

Isolated, the worker sees the file system read-only but for its scratch folder. Code that
runs fine as `python FILE` often writes while it trains: an `np.savez` checkpoint every
100 epochs, a `plt.savefig` frame, a `logging` file. Each would raise OSError ("Read-only
file system") and end the check with an error the user's code does not have. So, inside
the worker only, a file opened for writing outside the scratch folder is opened at the
same path under a shadow folder in scratch instead, and a directory made there is made in
the shadow; reading a path written this way reads the shadow copy (a checkpoint saved,
then loaded), and `os.path.exists` and `isfile` see it (numpy's `savetxt` asks). The
user's own files are never written: the sandbox forbids it, and this only keeps the code
running. Without isolation nothing is redirected (see README).
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
from collections.abc import Callable
from typing import Any

WRITING = ("w", "a", "x", "+")


class Shadow:
    """Where a path outside the writable roots lives while the check runs."""

    def __init__(self, folder: str, writable: tuple[str, ...]) -> None:
        self.folder = os.path.abspath(folder)
        self.writable = tuple(os.path.abspath(root) for root in (*writable, folder))

    def place(self, path: str) -> str | None:
        """The shadow path for `path`, or None when `path` may be written as it is."""
        absolute = os.path.abspath(path)
        if any(absolute == root or absolute.startswith(root + os.sep) for root in self.writable):
            return None
        return os.path.join(self.folder, absolute.lstrip(os.sep))


def install(shadow_folder: str, writable: tuple[str, ...]) -> None:
    """Redirect the worker's writes outside `writable` into `shadow_folder` (see module)."""
    shadow = Shadow(shadow_folder, writable)
    real_open: Callable[..., Any] = io.open
    real_mkdir = os.mkdir

    def shadowed_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, int) or not isinstance(file, str | bytes | os.PathLike):
            return real_open(file, mode, *args, **kwargs)
        path = os.fsdecode(file)
        place = shadow.place(path)
        if place is None:
            return real_open(file, mode, *args, **kwargs)
        if any(flag in mode for flag in WRITING):
            os.makedirs(os.path.dirname(place), exist_ok=True)
            if ("a" in mode or "+" in mode) and not os.path.exists(place):
                if os.path.isfile(path):  # appending to the user's file: to a copy of it
                    shutil.copyfile(path, place)
            return real_open(place, mode, *args, **kwargs)
        if os.path.exists(place):  # written during the check: read back what was written
            return real_open(place, mode, *args, **kwargs)
        return real_open(file, mode, *args, **kwargs)

    def shadowed_mkdir(path: Any, mode: int = 0o777, *args: Any, **kwargs: Any) -> None:
        if isinstance(path, int) or kwargs.get("dir_fd") is not None:
            real_mkdir(path, mode, *args, **kwargs)
            return
        name = os.fsdecode(path)
        place = shadow.place(name)
        if place is None or os.path.exists(name):
            real_mkdir(path, mode, *args, **kwargs)  # FileExistsError as usual
            return
        if os.path.isdir(place):
            raise FileExistsError(errno.EEXIST, "File exists", name)
        os.makedirs(place, exist_ok=True)

    def seen(real: Callable[[Any], bool]) -> Callable[[Any], bool]:
        """`os.path.exists(path)` (and `isfile`) true of a file written to the shadow:
        numpy's `savetxt` creates the file, then asks whether it exists before writing."""

        def shadowed(path: Any) -> bool:
            if real(path):
                return True
            if isinstance(path, int) or not isinstance(path, str | bytes | os.PathLike):
                return False
            place = shadow.place(os.fsdecode(path))
            return place is not None and real(place)

        return shadowed

    builtins.open = shadowed_open
    io.open = shadowed_open
    os.mkdir = shadowed_mkdir
    os.path.exists = seen(os.path.exists)  # type: ignore[assignment]
    os.path.isfile = seen(os.path.isfile)  # type: ignore[assignment]
    _numpy_opens_through(shadowed_open)
    import logging

    logging.FileHandler._builtin_open = shadowed_open  # type: ignore[attr-defined]


def _numpy_opens_through(shadowed_open: Callable[..., Any]) -> None:
    """numpy's `savetxt`, `loadtxt` and `genfromtxt` open plain files with the `io.open` it
    kept when it was imported (`numpy.lib._datasource`), before the worker installed the
    shadow: that kept opener is replaced too."""
    try:
        from numpy.lib import _datasource

        _datasource._file_openers._file_openers[None] = shadowed_open  # type: ignore[attr-defined]
    except (ImportError, AttributeError, TypeError):
        pass
