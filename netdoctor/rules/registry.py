"""The rule registry: every rule is one module under `netdoctor/rules/`, registered here.

A rule module declares its code, name, severity, the explanation `netdoctor explain`
prints (fixed sections), its fix text, the bug mutation it reproduces (gradient rules)
and its check: a function from Evidence to findings. `all_rules()` imports every module
in the package once, so adding a rule is adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netdoctor.findings import Finding, Location, Severity, jsonable

if TYPE_CHECKING:
    from netdoctor.bugs import Mutation
    from netdoctor.evidence import Evidence
    from netdoctor.reference import Architecture

SECTIONS = ("what it does", "why it breaks training", "example", "use instead", "references")

Check = Callable[["Evidence"], list[Finding]]
Mutations = Callable[["Architecture"], list["Mutation"]]


@dataclass(frozen=True)
class Rule:
    """One rule: what `netdoctor rules` lists, `explain` prints and the engine runs."""

    code: str
    name: str
    summary: str
    severity: Severity
    explanation: dict[str, str]
    fix: str
    check: Check
    module: str
    mutations: Mutations | None = None
    order: int = field(default=0)  # position among the rules run (cause before effect)

    @property
    def implemented(self) -> bool:
        return True

    def finding(
        self,
        message: str,
        evidence: dict[str, Any],
        *,
        severity: Severity | None = None,
        fix: str | None = None,
        location: Location | None = None,
        line: int | None = None,
    ) -> Finding:
        """A finding of this rule, its evidence made JSON-safe; `line` alone is a line of
        the checked file (the engine fills in the path and the source text)."""
        if location is None and line:
            location = Location("", line, None)
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            fix=self.fix if fix is None else fix,
            location=location,
            evidence=jsonable(evidence),
        )


_REGISTERED: dict[str, Rule] = {}
_LOADED = False


def rule(
    *,
    code: str,
    name: str,
    summary: str,
    severity: Severity,
    explanation: dict[str, str],
    fix: str,
    mutations: Mutations | None = None,
) -> Callable[[Check], Rule]:
    """Register the decorated check as rule `code`; a code registered twice is an error."""

    def register(check: Check) -> Rule:
        if code in _REGISTERED:
            raise ValueError(
                f"{code} is registered twice: {_REGISTERED[code].module}, {check.__module__}"
            )
        registered = Rule(
            code, name, summary, severity, explanation, fix, check, check.__module__, mutations
        )
        _REGISTERED[code] = registered
        return registered

    return register


def all_rules() -> dict[str, Rule]:
    """Every rule, by code, in code order (ND1xx gradients, ND2xx structure, ND3xx training)."""
    global _LOADED
    if not _LOADED:
        folder = Path(__file__).parent
        for module in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name):
            if module.name.startswith("nd"):
                importlib.import_module(f"{__package__}.{module.name}")
        _LOADED = True
    return dict(sorted(_REGISTERED.items()))


def known_codes() -> tuple[str, ...]:
    """Every rule's code, read from the module names (`nd106_scale.py` is ND106) without
    importing them: checking `--select`/`--ignore` in the parent then costs no numpy."""
    folder = Path(__file__).parent
    return tuple(
        sorted(
            "ND" + module.name[2:5]
            for module in pkgutil.iter_modules([str(folder)])
            if module.name.startswith("nd")
        )
    )


def get(code: str) -> Rule:
    return all_rules()[code]
