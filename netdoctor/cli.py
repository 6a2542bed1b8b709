"""The `netdoctor` command line.

Exit codes: 0 when no finding is an error, 1 when one is, 2 when a file could not be
checked (and for any failure inside netdoctor itself: 1 always means "findings").
Heavy modules are imported inside commands so that `netdoctor --help` stays fast.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from netdoctor.options import SEED_MAX
from netdoctor.version import __version__

if TYPE_CHECKING:
    from netdoctor.report import Report

app = typer.Typer(
    name="netdoctor",
    help="Diagnose neural networks written by hand in NumPy: check the backprop against the "
    "true gradients, name the bug, point at the line.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    # Plain click help: rendering it with rich would double the start-up time of --help.
    rich_markup_mode=None,
)


class OutputFormat(str, Enum):
    text = "text"
    concise = "concise"
    github = "github"
    jsonl = "jsonl"
    md = "md"
    html = "html"
    json = "json"
    junit = "junit"
    sarif = "sarif"


class IsolationMode(str, Enum):
    auto = "auto"
    strict = "strict"
    off = "off"


class LossName(str, Enum):
    bce = "bce"
    mse = "mse"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netdoctor {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """netdoctor: a doctor for hand-written NumPy neural networks."""


def _default(value: str) -> str:
    """Help text's note on an option that [tool.netdoctor] in pyproject.toml may also set."""
    return f" (default: {value}, or [tool.netdoctor])"


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Python file(s) with your network.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="What goes to standard output.")
    ] = OutputFormat.text,
    run_all: Annotated[
        bool,
        typer.Option(
            "--run-all",
            hidden=True,
            help="No effect: the file always runs as `python FILE` up to its first training step.",
        ),
    ] = False,
    timeout: Annotated[
        float | None,
        typer.Option(help=f"Seconds the check of one file may take{_default('60')}.", min=0.1),
    ] = None,
    gradients: Annotated[
        str | None,
        typer.Option(help="Function or method that computes the gradients or does one update."),
    ] = None,
    forward: Annotated[str | None, typer.Option(help="Your forward-pass function.")] = None,
    network_class: Annotated[
        str | None, typer.Option("--class", help="The class holding your network.")
    ] = None,
    loss: Annotated[
        LossName | None,
        typer.Option(
            help="Loss to check against (default: [tool.netdoctor] in pyproject.toml, else "
            "your loss function, else BCE)."
        ),
    ] = None,
    hidden: Annotated[
        int | None,
        typer.Option(
            help=f"Hidden units, where netdoctor must build the network{_default('4')}.", min=1
        ),
    ] = None,
    learning_rate: Annotated[
        float | None,
        typer.Option("--lr", help="Learning rate of your update (default: found in your file)."),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            help=f"Seed for fresh points and generated data{_default('0')}.", min=0, max=SEED_MAX
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help=f"Files checked at the same time{_default('1')}.", min=1),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Write report.md, report.html, report.json and the plots here."),
    ] = None,
    train: Annotated[
        bool,
        typer.Option(
            "--train/--no-train",
            help="Record your training and replay it with correct gradients.",
        ),
    ] = True,
    steps: Annotated[
        int | None,
        typer.Option(
            help=f"Most training steps to record{_default('2000')}; fewer once the loss "
            "has converged or stopped moving.",
            min=1,
        ),
    ] = None,
    train_seconds: Annotated[
        float | None,
        typer.Option(
            help=f"Seconds the recorded training and its replay may take{_default('10')}.",
            min=0.1,
        ),
    ] = None,
    memory_mb: Annotated[
        int | None,
        typer.Option(
            help=f"Memory one file's check may use, in MB, 0 for no limit{_default('2048')}.",
            min=0,
        ),
    ] = None,
    isolation: Annotated[
        IsolationMode | None,
        typer.Option(
            help="How your code runs: auto (isolated with bubblewrap where it can run, else "
            "a process group), strict (refuse without isolation), off"
            f"{_default('auto')}.",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            help="Show only findings of these codes or prefixes (ND1, ND106; repeat or "
            "separate with commas). Replaces the configuration's select and ignore.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            help="Hide findings of these codes or prefixes (added to the configuration's). "
            "The exit code follows the findings shown.",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Only each file's verdict and findings (text); no summary line (concise, github).",
        ),
    ] = False,
) -> None:
    """Check FILE: find the network, compare its gradients with the truth, name the bugs."""
    from netdoctor.batch import Interrupted, check_many
    from netdoctor.config import SettingsError, resolve
    from netdoctor.render.stream import Printer

    try:
        settings = resolve(
            given={
                "loss": loss.value if loss else None,
                "hidden": hidden,
                "timeout": timeout,
                "steps": steps,
                "seed": seed,
                "train-seconds": train_seconds,
                "memory-mb": memory_mb,
                "jobs": jobs,
                "isolation": isolation.value if isolation else None,
            },
            select=select,
            ignore=ignore,
            fixed={
                "run_all": run_all,
                "gradients": gradients,
                "forward": forward,
                "network_class": network_class,
                "learning_rate": learning_rate,
                "train": train,
            },
        )
    except SettingsError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
    problem = _before_any_work(settings.options.memory_mb, out)
    if problem:
        typer.echo(f"Error: {problem}", err=True)
        raise typer.Exit(2)
    printer = Printer(output_format.value, quiet=quiet)
    shown: dict[int, Report] = {}  # by id() of the report: printed as files finish

    def done(report: Report) -> None:
        shown[id(report)] = settings.selection.apply(report)
        printer.file(shown[id(report)])

    with _stop_on_sigterm():
        try:
            finished = check_many(
                [str(path) for path in files],
                settings.options,
                settings.jobs,
                on_done=done,
                show_progress=not quiet,
            )
        except Interrupted as stop:
            printer.finish([shown[id(r)] for r in stop.finished if id(r) in shown])
            typer.echo(
                f"netdoctor: interrupted ({stop.reason}): {len(stop.finished)} of {stop.total} "
                "files checked; the checks in progress were stopped with every process they "
                "started.",
                err=True,
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None
    reports = [shown[id(r)] for r in finished]  # documents: the command line's order
    pages = []
    if out is not None:
        from netdoctor.render.documents import write_reports

        pages = write_reports(reports, out)
    printer.finish(reports, pages)
    raise typer.Exit(max(r.exit_code for r in reports))


# Memory the worker needs before any user code: Python, numpy and netdoctor.
MIN_MEMORY_MB = 256
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report an interrupted command


def _before_any_work(memory_mb: int | None, out: Path | None) -> str | None:
    """What is wrong with the options that would only show after the whole check."""
    if memory_mb and memory_mb < MIN_MEMORY_MB:
        return (
            f"--memory-mb {memory_mb} is too little to start a check: Python, numpy and "
            f"netdoctor alone need about {MIN_MEMORY_MB} MB. Give at least {MIN_MEMORY_MB}, "
            "or 0 for no limit."
        )
    if out is not None and out.exists() and not out.is_dir():
        return f"--out {out} is an existing file: give a folder (it is created if missing)."
    return None


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM stops the checks like Ctrl-C on a batch: the handler raises Stopped in the
    main thread, once (a second SIGTERM must not break the clean-up of the first)."""
    from netdoctor.sandbox import Stopped

    received: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        if not received:
            received.append(signum)
            raise Stopped("SIGTERM")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


cases_app = typer.Typer(
    help="Bundled case studies: a buggy program, its diagnosis, the fix and the story.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(cases_app, name="cases")


def _study(name: str):  # type: ignore[no-untyped-def]
    from netdoctor.cases import all_studies, find

    study = find(name)
    if study is None:
        names = ", ".join(s.name for s in all_studies())
        typer.echo(f"no case study {name!r}. Available: {names}", err=True)
        raise typer.Exit(2)
    return study


@cases_app.command("list")
def cases_list() -> None:
    """List the case studies: name, title and the codes netdoctor reports on them."""
    from netdoctor.cases import all_studies

    for study in all_studies():
        typer.echo(f"{study.name:<32} {study.title}  [{', '.join(study.codes)}]")


@cases_app.command("show")
def cases_show(name: Annotated[str, typer.Argument(help="A name from `cases list`.")]) -> None:
    """Print a case study's story (its README) and where its programs are."""
    study = _study(name)
    typer.echo(study.readme)
    typer.echo(f"buggy program: {study.program()}")
    typer.echo(f"fixed program: {study.program(fixed=True)}")


@cases_app.command("run")
def cases_run(
    name: Annotated[str, typer.Argument(help="A name from `cases list`.")],
    fixed: Annotated[bool, typer.Option("--fixed", help="Check the fixed program.")] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="What goes to standard output.")
    ] = OutputFormat.text,
) -> None:
    """Check a case study's program: the same diagnosis as `netdoctor check` on the file."""
    study = _study(name)
    check(files=[study.program(fixed)], output_format=output_format)


@app.command()
def rules() -> None:
    """List every rule: code, name, and what it means."""
    from netdoctor.rules import all_rules

    for rule in all_rules().values():
        typer.echo(f"{rule.code}  {rule.name:<45} {rule.summary}")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code such as ND101.")]) -> None:
    """Explain a rule: what it is, why it breaks training, an example, the fix."""
    from netdoctor.rules import SECTIONS, all_rules

    rule = all_rules().get(code.upper())
    if rule is None:
        typer.echo(f"unknown rule {code}: `netdoctor rules` lists them all.", err=True)
        raise typer.Exit(2)
    typer.echo(f"{rule.code} {rule.name}: {rule.summary}")
    for section in SECTIONS:
        typer.echo(f"\n{section.capitalize()}\n{rule.explanation[section]}")


def main() -> None:
    """Console entry point: uncaught errors exit 2, never 1 (1 means findings)."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("netdoctor: interrupted (Ctrl-C)\n")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:
        sys.stderr.write(f"netdoctor: internal error: {type(error).__name__}: {error}\n")
        sys.exit(2)
