"""Notice user code that changed netdoctor's own code in the worker.

The verdict is the judge's, computed where user code cannot reach (`judge.py`), but the
numbers it judges come from the worker, where the user's file runs next to netdoctor's
discovery and the code that answers the judge. A file can reach those modules and
replace a function so that its answers lie. The worker takes a fingerprint of every
function and class attribute of netdoctor's loaded modules (and of the standard modules
its answers pass through) before the user's file runs; the judge asks for the
comparison at the end, and any replaced attribute makes the check void, said as the
user's doing. This catches patching, not a program that patches and restores in time.
"""

from __future__ import annotations

import sys
from types import ModuleType

# Outside netdoctor, the modules the answers pass through on their way out.
_ALSO = ("json", "json.encoder", "hmac", "hashlib", "os", "posix", "builtins")

Fingerprint = dict[str, object]


def _guarded(extra: tuple[ModuleType, ...]) -> list[ModuleType]:
    modules = [
        module
        for name, module in list(sys.modules.items())
        if module is not None and (name == "netdoctor" or name.startswith("netdoctor."))
    ]
    modules += [sys.modules[name] for name in _ALSO if name in sys.modules]
    return modules + list(extra)


def fingerprint(*extra: ModuleType) -> Fingerprint:
    """Every callable and class in the guarded modules, and every attribute of netdoctor's
    classes (methods, properties), by dotted name. The objects themselves, not their id():
    a freed original's id may be reused by its replacement."""
    marks: Fingerprint = {}
    for module in _guarded(extra):
        base = module.__name__
        for name, value in list(vars(module).items()):
            if not (callable(value) or isinstance(value, type)):
                continue
            marks[f"{base}.{name}"] = value
            if isinstance(value, type) and value.__module__ == base:
                for attribute, member in list(vars(value).items()):
                    marks[f"{base}.{name}.{attribute}"] = member
    return marks


def changed(before: Fingerprint, *extra: ModuleType) -> list[str]:
    """The names in `before` whose value is not the same object any more."""
    after = fingerprint(*extra)
    return sorted(name for name, mark in before.items() if after.get(name) is not mark)


def restore(before: Fingerprint, names: list[str], *extra: ModuleType) -> None:
    """Put the original objects back under `names`, so the worker can still write its
    result (saying the check is void) with netdoctor's own code."""
    modules = {module.__name__: module for module in _guarded(extra)}
    for name in names:
        owner: object | None = None
        for base, module in sorted(modules.items(), key=lambda item: -len(item[0])):
            if name.startswith(base + "."):
                rest = name[len(base) + 1 :].split(".")
                owner = module if len(rest) == 1 else getattr(module, rest[0], None)
                attribute = rest[-1]
                break
        if owner is None:
            continue
        try:
            setattr(owner, attribute, before[name])
        except (AttributeError, TypeError):
            continue
