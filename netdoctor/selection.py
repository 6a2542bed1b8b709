"""Which findings are shown: `--select` and `--ignore` by rule code or prefix, as in ruff.

Rules always run in the child (a finding can be the cause another one names); the parent
drops the findings the selection turns off, and the exit code follows what remains, so a
file whose only error is ignored exits 0.

A selection is a stack of layers: `[tool.netdoctor]` in pyproject.toml, then the command
line. Every rule starts selected. A layer with `select` starts over from its own select
list; a layer without one keeps what the layers before it selected. Within a layer the
most specific prefix decides (`--select ND106 --ignore ND1` keeps ND106), and `ignore`
wins a tie. So `--select` on the command line replaces the file's choice, and `--ignore`
adds to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from netdoctor.report import Report
from netdoctor.rules import known_codes


class SelectionError(ValueError):
    """A code or prefix that names no rule: reported before any file is checked."""


def parse_codes(values: Iterable[str], where: str) -> tuple[str, ...]:
    """Codes from repeated and/or comma-separated values, upper-cased and checked.

    `where` names the option or the configuration key in the error message.
    """
    codes = tuple(
        part.strip().upper() for value in values for part in value.split(",") if part.strip()
    )
    known = known_codes()
    unknown = [code for code in codes if not any(rule.startswith(code) for rule in known)]
    if unknown:
        families = ", ".join(sorted({code[:3] for code in known}))
        raise SelectionError(
            f"{where}: {', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not a rule "
            f"code or a prefix of one. Valid: a code such as ND106 (`netdoctor rules` lists "
            f"them) or a prefix of one such as ND or {families}."
        )
    return codes


@dataclass(frozen=True)
class SelectionLayer:
    """One source's choice: `select` None keeps what the layers before selected."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()

    def decide(self, code: str, before: bool) -> bool:
        ignored = _specificity(code, self.ignore)
        if self.select is None:
            return before and ignored < 0
        selected = _specificity(code, self.select)
        return selected >= 0 and selected > ignored


@dataclass(frozen=True)
class Selection:
    """The layers in order of precedence, lowest first (file, then command line)."""

    layers: tuple[SelectionLayer, ...] = ()

    def enabled(self, code: str) -> bool:
        shown = True
        for layer in self.layers:
            shown = layer.decide(code, shown)
        return shown

    def apply(self, report: Report) -> Report:
        """The report with only the selected findings (the exit code follows them)."""
        kept = [f for f in report.findings if self.enabled(f.code)]
        if len(kept) == len(report.findings):
            return report
        return replace(report, findings=kept)


def _specificity(code: str, prefixes: tuple[str, ...]) -> int:
    """Length of the longest prefix in `prefixes` that `code` starts with; -1 if none."""
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)
