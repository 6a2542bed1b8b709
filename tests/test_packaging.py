"""Packaging installs what netdoctor uses: every third-party import is a declared dependency."""

from __future__ import annotations

import ast
import re
import sys
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from 3.11")

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "netdoctor"

# Imported by netdoctor but deliberately not a dependency, with the only files allowed to.
NOT_DEPENDENCIES = {
    # The plugin module is loaded by pytest itself (entry point `pytest11`), so pytest is
    # there whenever it is imported.
    "pytest": {"netdoctor/pytest_plugin.py"},
}


def normalise(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def declared() -> dict[str, str]:
    """Declared runtime dependencies: normalised distribution name -> requirement."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    found = {}
    for requirement in project["dependencies"]:
        name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
        assert name, requirement
        found[normalise(name.group())] = requirement
    return found


@cache
def third_party_imports() -> dict[str, set[str]]:
    """Top-level modules imported anywhere in netdoctor/ (case studies too: `cases run` runs
    them), outside the standard library and netdoctor itself -> the files importing them."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "netdoctor":
                    continue
                found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def distributions_of(module: str) -> set[str]:
    """The distributions that install `module` here (`PIL` -> pillow); its own name if none."""
    return {normalise(d) for d in installed().get(module, [module])}


@cache
def installed() -> dict[str, list[str]]:
    return dict(packages_distributions())


def test_the_scan_sees_the_imports_netdoctor_is_known_to_have() -> None:
    imports = third_party_imports()
    assert {"numpy", "matplotlib", "click", "rich"} <= set(imports)
    assert "netdoctor/render/text.py" in imports["rich"]


def test_every_third_party_import_is_a_declared_dependency() -> None:
    dependencies = declared()
    undeclared = {
        module: sorted(files)
        for module, files in third_party_imports().items()
        if module not in NOT_DEPENDENCIES and not distributions_of(module) & set(dependencies)
    }
    assert not undeclared, f"imported but not in pyproject.toml's dependencies: {undeclared}"


def test_the_imports_that_are_not_dependencies_stay_where_they_are_allowed() -> None:
    imports = third_party_imports()
    for module, allowed in NOT_DEPENDENCIES.items():
        assert imports.get(module, set()) <= allowed, (module, imports[module] - allowed)


def test_every_dependency_has_a_floor() -> None:
    for requirement in declared().values():
        assert re.search(r">=\s*\d", requirement), f"{requirement}: no tested floor (>=)"
