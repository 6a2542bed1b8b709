"""Stand-ins for packages a pasted file imports but the network does not need.

People paste notebooks that import tqdm for a progress bar, pandas to print a table,
seaborn for a plot style. When such a package is not installed, refusing the whole file
would be unhelpful: the import gets a harmless stand-in (tqdm passes its iterable
through; anything else accepts every call) and the report says so. Only these names are
stubbed, and only when the real import fails.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Iterator
from typing import Any

from netdoctor.discover.shims import scipy_special

STUBBABLE = frozenset(
    {"tqdm", "pandas", "seaborn", "sklearn", "IPython", "google", "plotly", "wandb", "tensorboard"}
)


class _Anything:
    """Accepts any call, attribute, index or iteration; prints as nothing."""

    def __init__(self, name: str = "stub") -> None:
        self._name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if args and hasattr(args[0], "__iter__") and not isinstance(args[0], str | bytes):
            return args[0]  # tqdm(iterable), wrappers: pass the iterable through
        return _Anything(self._name)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Anything(f"{self._name}.{name}")

    def __getitem__(self, key: Any) -> Any:
        return _Anything(self._name)

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __repr__(self) -> str:
        return f"<{self._name} (not installed)>"


class _Bar:
    """A progress bar that is its iterable: iterating, `len()` and indexing reach the
    iterable, and the bar's own methods (`pbar.set_postfix(loss=...)`, `pbar.write(...)`,
    `pbar.update()`) do nothing."""

    def __init__(self, iterable: Any) -> None:
        self._iterable = iterable

    def __iter__(self) -> Iterator[Any]:
        return iter(self._iterable)

    def __len__(self) -> int:
        return len(self._iterable)

    def __getitem__(self, key: Any) -> Any:
        return self._iterable[key]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Anything(f"tqdm.{name}")

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _tqdm(iterable: Any = None, *args: Any, **kwargs: Any) -> Any:
    return _Bar(iterable) if iterable is not None else _Anything("tqdm")


SHIMMED = {"scipy": lambda: types.ModuleType("scipy"), "scipy.special": scipy_special}


class _StubModule(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if self.__name__.split(".")[0] == "tqdm" and name in ("tqdm", "trange", "auto"):
            return (lambda n, *a, **k: _Bar(range(n))) if name == "trange" else _tqdm
        return _Anything(f"{self.__name__}.{name}")


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self) -> None:
        self.stubbed: list[str] = []

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname in SHIMMED:  # scipy, scipy.special: the real functions, in NumPy
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        if fullname.split(".")[0] not in STUBBABLE:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec: Any) -> types.ModuleType:
        if spec.name in SHIMMED:
            shim = SHIMMED[spec.name]()
            shim.__path__ = []  # type: ignore[attr-defined]
            return shim
        module = _StubModule(spec.name)
        module.__path__ = []  # a package, so `from sklearn.datasets import ...` works
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        if module.__name__ in SHIMMED:
            name = "scipy.special"
            if module.__name__ != "scipy" and name not in self.stubbed:
                self.stubbed.append(name)
            return
        top = module.__name__.split(".")[0]
        if top not in self.stubbed:
            self.stubbed.append(top)


@contextlib.contextmanager
def missing_module_stubs() -> Iterator[list[str]]:
    """Within the block, the listed packages import as stand-ins when not installed."""
    finder = _StubFinder()
    sys.meta_path.append(finder)  # last: only asked when every real finder said no
    try:
        yield finder.stubbed
    finally:
        sys.meta_path.remove(finder)
        for name in list(sys.modules):
            if isinstance(sys.modules[name], _StubModule):
                del sys.modules[name]
