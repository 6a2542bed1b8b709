"""The terminal report: the verdict in one sentence, then findings, then the evidence.

Colour and boxes when the output is a terminal; plain text otherwise or with NO_COLOR
(rich decides both). Lines are never broken by netdoctor (`text_console`): a terminal
wraps them itself, and a pipe or a file gets each sentence, and `path:line`, whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from netdoctor.findings import Finding, sort_findings

if TYPE_CHECKING:
    from netdoctor.report import Report

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# Width of a console that is not a terminal: tables keep their natural width (they do not
# expand), so this only has to exceed any real line; file names in tables stay whole.
WIDE = 10_000


def text_console() -> Console:
    """The console the text report is printed to: soft wrap (rich inserts no line
    breaks), and when standard output is not a terminal a width no table reaches, so
    `netdoctor check A B | cat` shows full file names instead of cutting them at 80."""
    console = Console(highlight=False, soft_wrap=True)
    try:
        terminal = console.file.isatty()  # not is_terminal: FORCE_COLOR on a pipe is no TTY
    except (AttributeError, ValueError):
        terminal = False
    if not terminal:
        console = Console(highlight=False, soft_wrap=True, width=WIDE)
    return console


def verdict_sentence(report: Report) -> str:
    """'2 errors: gradient-mismatch (line 37); scale (line 37)' or 'no errors: ...'."""
    if report.status != "checked":
        return f"could not check {report.file}"
    counts = report.counts()
    errors = [f for f in report.findings if f.severity == "error"]
    if errors:
        named = "; ".join(_short(f) for f in sort_findings(errors)[:4])
        return f"{_plural(counts['error'], 'error')}: {named}"
    parts = [f"{_plural(counts[s], s)}" for s in ("warning", "info") if counts[s]]
    tail = f" ({', '.join(parts)})" if parts else ""
    checks = report.gradient_checks
    if checks and all(c.verdict == "uncheckable" for c in checks):
        # no row agreed or disagreed: nothing was shown right, and no pass is claimed
        return f"no errors found, but no gradient could be checked{tail}"
    return f"no errors: the gradients agree with the truth{tail}"


def render_text(report: Report, console: Console, quiet: bool = False) -> None:
    """The whole report; `quiet` keeps only the verdict line and the findings (or why
    the file could not be checked)."""
    verdict = verdict_sentence(report)
    mark = "✗" if report.exit_code else "✓"
    style = "bold red" if report.exit_code else "bold green"
    console.print(Text(f"{mark} {report.file}: {verdict}", style=style))
    if report.status != "checked":
        console.print((report.error or {}).get("message", ""), markup=False, highlight=False)
        if not quiet:
            _skipped(report, console)
        return
    if not quiet:
        _network(report, console)
    for finding in sort_findings(report.findings):
        _finding(finding, console)
    if quiet:
        return
    _gradient_table(report, console)
    _training(report, console)
    for note in report.notes:
        console.print(f"note: {note}", markup=False, highlight=False)
    _skipped(report, console)


# a recording that ended before the requested steps because its verdict was clear
SETTLED_WORDS = {
    "converged": "then the loss had converged",
    "frozen": "then the loss had stopped moving",
}


def training_sentence(report: Report) -> str | None:
    """'training: 2000 steps at lr 0.5 (...): loss 0.76 -> 0.693; with correct gradients 0.004'."""
    t = report.training
    if not t:
        return None
    final = t.get("final_loss")
    text = (
        f"training: {t['steps_run']} steps at learning rate {t['learning_rate']:g} "
        f"({t['learning_rate_source']}): loss {t['initial_loss']:.4g} -> "
        + (f"{final:.4g}" if final is not None else "inf/NaN")
    )
    if t.get("stopped") in SETTLED_WORDS:
        text += f" ({SETTLED_WORDS[t['stopped']]})"
    elif t.get("stopped") not in (None, "completed"):
        text += f" (stopped: {t['stopped']})"
    if t.get("replay_final_loss") is not None:
        replayed = t.get("replay_steps_run", t["steps_run"])
        steps = f" ({replayed} steps)" if replayed != t["steps_run"] else ""
        text += f"; with correct gradients{steps}: {t['replay_final_loss']:.4g}"
    if t.get("replay_with_biases_final_loss") is not None:
        text += (
            f"; with correct gradients and biases added: {t['replay_with_biases_final_loss']:.4g}"
        )
    return text


def _training(report: Report, console: Console) -> None:
    sentence = training_sentence(report)
    if sentence:
        console.print(sentence, markup=False, highlight=False)


def _short(finding: Finding) -> str:
    where = f" (line {finding.location.line})" if finding.location else ""
    parameter = finding.evidence.get("parameter")
    subject = f" {parameter}" if isinstance(parameter, str) else ""
    return f"{finding.name}{subject}{where}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _network(report: Report, console: Console) -> None:
    subject = report.subject
    structure = subject.get("structure", {})
    sizes = "-".join(str(s) for s in structure.get("layer_sizes", []))
    console.print(
        f"network: {subject.get('description')}, {structure.get('layout')} layout, "
        f"layers {sizes}; hidden activation {subject.get('hidden_activation')} "
        f"({subject.get('hidden_activation_source')}); loss {subject.get('loss')} "
        f"({subject.get('loss_source')}); truth: {subject.get('truth')}",
        markup=False,
        highlight=False,
    )
    data = subject.get("data", {})
    console.print(f"data: {data.get('source')}", markup=False, highlight=False)


def _finding(finding: Finding, console: Console) -> None:
    console.print()
    header = Text()
    header.append(f"{finding.severity} ", style=STYLE[finding.severity])
    header.append(f"{finding.code} {finding.name}", style="bold")
    if finding.location:
        header.append(f"  {finding.location.place}")
    console.print(header)
    console.print(f"  {finding.message}", markup=False, highlight=False)
    if finding.location and finding.location.source:
        console.print(
            f"  {finding.location.line:>4} | {finding.location.source}",
            markup=False,
            highlight=False,
        )
    console.print(f"  fix: {finding.fix}", markup=False, highlight=False)


def _gradient_table(report: Report, console: Console) -> None:
    if not report.gradient_checks:
        return
    table = Table(title="gradient check", title_justify="left", show_edge=False)
    for column in ("parameter", "point", "verdict", "relative error", "scale", "shape"):
        table.add_column(column)
    for check in report.gradient_checks:
        error = "-" if check.relative_error is None else f"{check.relative_error:.1e}"
        scale = "-" if check.scale is None else f"{check.scale:.4g}"
        shape = "-" if check.shape is None else str(tuple(check.shape))
        style = "green" if check.verdict == "agrees" else "red"
        table.add_row(
            check.parameter,
            check.point,
            Text(check.shown_verdict, style=style),
            error,
            scale,
            shape,
        )
    console.print()
    console.print(table)


def _skipped(report: Report, console: Console) -> None:
    skipped = report.skipped_statements
    if not skipped:
        return
    lines = ", ".join(str(s["line"]) for s in skipped[:8])
    more = "" if len(skipped) <= 8 else f" and {len(skipped) - 8} more"
    console.print(
        f"skipped at load (not run): {len(skipped)} top-level statement(s) at line(s) "
        f"{lines}{more} (loops, prints, training calls): your file never trained its network, "
        "so netdoctor looked for it by name among the definitions.",
        markup=False,
        highlight=False,
    )


def render_summary(reports: list[Report], console: Console) -> None:
    """One row per file: what a grader scans first."""
    table = Table(title=f"{len(reports)} files", title_justify="left")
    for column in ("file", "result", "errors", "warnings", "codes"):
        table.add_column(column)
    for report in reports:
        counts = report.counts()
        if report.status != "checked":
            result = f"not checked ({(report.error or {}).get('kind', '?')})"
        else:
            result = "errors" if report.exit_code == 1 else "ok"
        codes = ", ".join(sorted({f.code for f in report.findings if f.severity != "info"}))
        table.add_row(
            report.file, result, str(counts["error"]), str(counts["warning"]), codes or "-"
        )
    console.print(table)
    failed = sum(1 for r in reports if r.exit_code == 1)
    unchecked = sum(1 for r in reports if r.exit_code == 2)
    console.print(
        f"{len(reports) - failed - unchecked} ok, {failed} with errors, {unchecked} not checked"
    )
