"""The `netdoctor` command line.

Exit codes: 0 when no finding is an error, 1 when one is, 2 when a file could not be
checked (and for any failure inside netdoctor itself: 1 always means "findings").
Heavy modules are imported inside commands so that `netdoctor --help` stays fast.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

import click

from netdoctor.arguments import Argument, Group
from netdoctor.options import SEED_MAX
from netdoctor.version import __version__

if TYPE_CHECKING:
    from netdoctor.report import Report

FORMATS = ("text", "concise", "github", "jsonl", "md", "html", "json", "junit", "sarif")
CONTEXT = {"help_option_names": ["-h", "--help"]}


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        click.echo(f"netdoctor {__version__}")
        ctx.exit(0)


@click.group(
    name="netdoctor",
    cls=Group,
    context_settings=CONTEXT,
    help="Diagnose neural networks written by hand in NumPy: check the backprop against the "
    "true gradients, name the bug, point at the line.",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Print the version.",
)
def app() -> None:
    """netdoctor: a doctor for hand-written NumPy neural networks."""


def _default(value: str) -> str:
    """Help text's note on an option that [tool.netdoctor] in pyproject.toml may also set."""
    return f" (default: {value}, or [tool.netdoctor])"


def _format_option() -> Any:
    return click.option(
        "--format",
        "-f",
        "output_format",
        type=click.Choice(FORMATS),
        default="text",
        show_default=True,
        help="What goes to standard output.",
    )


@app.command()
@click.argument(
    "files",
    cls=Argument,
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
    help="Python file(s) with your network.",
)
@_format_option()
@click.option(
    "--run-all",
    is_flag=True,
    hidden=True,
    help="No effect: the file always runs as `python FILE` up to its first training step.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    help=f"Seconds the check of one file may take{_default('60')}.",
)
@click.option(
    "--gradients", help="Function or method that computes the gradients or does one update."
)
@click.option("--forward", help="Your forward-pass function.")
@click.option("--class", "network_class", help="The class holding your network.")
@click.option(
    "--loss",
    type=click.Choice(("bce", "mse")),
    help="Loss to check against (default: [tool.netdoctor] in pyproject.toml, else "
    "your loss function, else BCE).",
)
@click.option(
    "--hidden",
    type=click.IntRange(min=1),
    help=f"Hidden units, where netdoctor must build the network{_default('4')}.",
)
@click.option(
    "--lr",
    "learning_rate",
    type=float,
    help="Learning rate of your update (default: found in your file).",
)
@click.option(
    "--seed",
    type=click.IntRange(0, SEED_MAX),
    help=f"Seed for fresh points and generated data{_default('0')}.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help=f"Files checked at the same time{_default('1')}.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Write report.md, report.html, report.json and the plots here.",
)
@click.option(
    "--train/--no-train",
    default=True,
    show_default=True,
    help="Record your training and replay it with correct gradients.",
)
@click.option(
    "--steps",
    type=click.IntRange(min=1),
    help=f"Most training steps to record{_default('2000')}; fewer once the loss has "
    "converged or stopped moving.",
)
@click.option(
    "--train-seconds",
    type=click.FloatRange(min=0.1),
    help=f"Seconds the recorded training and its replay may take{_default('10')}.",
)
@click.option(
    "--memory-mb",
    type=click.IntRange(min=0),
    help=f"Memory one file's check may use, in MB, 0 for no limit{_default('2048')}.",
)
@click.option(
    "--isolation",
    type=click.Choice(("auto", "strict", "off")),
    help="How your code runs: auto (isolated with bubblewrap where it can run, else "
    "a process group), strict (refuse without isolation), off"
    f"{_default('auto')}.",
)
@click.option(
    "--select",
    multiple=True,
    help="Show only findings of these codes or prefixes (ND1, ND106; repeat or "
    "separate with commas). Replaces the configuration's select and ignore.",
)
@click.option(
    "--ignore",
    multiple=True,
    help="Hide findings of these codes or prefixes (added to the configuration's). "
    "The exit code follows the findings shown.",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Only each file's verdict and findings (text); no summary line (concise, github).",
)
def check(files: tuple[Path, ...], **options: Any) -> NoReturn:
    """Check FILE: find the network, compare its gradients with the truth, name the bugs."""
    run_check(files, **options)


def run_check(
    files: Sequence[Path],
    output_format: str = "text",
    *,
    run_all: bool = False,
    timeout: float | None = None,
    gradients: str | None = None,
    forward: str | None = None,
    network_class: str | None = None,
    loss: str | None = None,
    hidden: int | None = None,
    learning_rate: float | None = None,
    seed: int | None = None,
    jobs: int | None = None,
    out: Path | None = None,
    train: bool = True,
    steps: int | None = None,
    train_seconds: float | None = None,
    memory_mb: int | None = None,
    isolation: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    quiet: bool = False,
) -> NoReturn:
    """`netdoctor check`: exits with the worst file's code (or 2 before any work for a bad
    option, 130 when interrupted). An empty `select` means none was given."""
    from netdoctor.batch import Interrupted, check_many
    from netdoctor.config import SettingsError, resolve
    from netdoctor.render.stream import Printer

    try:
        settings = resolve(
            given={
                "loss": loss,
                "hidden": hidden,
                "timeout": timeout,
                "steps": steps,
                "seed": seed,
                "train-seconds": train_seconds,
                "memory-mb": memory_mb,
                "jobs": jobs,
                "isolation": isolation,
            },
            select=list(select) or None,
            ignore=list(ignore) or None,
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
        _fail(f"Error: {error}")
    problem = _before_any_work(settings.options.memory_mb, out)
    if problem:
        _fail(f"Error: {problem}")
    printer = Printer(output_format, quiet=quiet)
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
            click.echo(
                f"netdoctor: interrupted ({stop.reason}): {len(stop.finished)} of {stop.total} "
                "files checked; the checks in progress were stopped with every process they "
                "started.",
                err=True,
            )
            sys.exit(EXIT_INTERRUPTED)
    reports = [shown[id(r)] for r in finished]  # documents: the command line's order
    pages = []
    if out is not None:
        from netdoctor.render.documents import write_reports

        pages = write_reports(reports, out)
    printer.finish(reports, pages)
    sys.exit(max(r.exit_code for r in reports))


def _fail(message: str) -> NoReturn:
    """A usage error found after parsing: the message on standard error, exit 2."""
    click.echo(message, err=True)
    sys.exit(2)


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


@app.command()
def rules() -> None:
    """List every rule: code, name, and what it means."""
    from netdoctor.rules import all_rules

    for rule in all_rules().values():
        click.echo(f"{rule.code}  {rule.name:<45} {rule.summary}")


@app.command()
@click.argument("code", cls=Argument, help="A rule code such as ND101.")
def explain(code: str) -> None:
    """Explain a rule: what it is, why it breaks training, an example, the fix."""
    from netdoctor.rules import SECTIONS, all_rules

    rule = all_rules().get(code.upper())
    if rule is None:
        _fail(f"unknown rule {code}: `netdoctor rules` lists them all.")
    click.echo(f"{rule.code} {rule.name}: {rule.summary}")
    for section in SECTIONS:
        click.echo(f"\n{section.capitalize()}\n{rule.explanation[section]}")


@app.group(
    "cases", help="Bundled case studies: a buggy program, its diagnosis, the fix and the story."
)
def cases_app() -> None:
    pass


def _study(name: str):  # type: ignore[no-untyped-def]
    from netdoctor.cases import all_studies, find

    study = find(name)
    if study is None:
        names = ", ".join(s.name for s in all_studies())
        _fail(f"no case study {name!r}. Available: {names}")
    return study


@cases_app.command("list")
def cases_list() -> None:
    """List the case studies: name, title and the codes netdoctor reports on them."""
    from netdoctor.cases import all_studies

    for study in all_studies():
        click.echo(f"{study.name:<32} {study.title}  [{', '.join(study.codes)}]")


NAME_HELP = "A name from `cases list`."


@cases_app.command("show")
@click.argument("name", cls=Argument, help=NAME_HELP)
def cases_show(name: str) -> None:
    """Print a case study's story (its README) and where its programs are."""
    study = _study(name)
    click.echo(study.readme)
    click.echo(f"buggy program: {study.program()}")
    click.echo(f"fixed program: {study.program(fixed=True)}")


@cases_app.command("run")
@click.argument("name", cls=Argument, help=NAME_HELP)
@click.option("--fixed", is_flag=True, help="Check the fixed program.")
@_format_option()
def cases_run(name: str, fixed: bool, output_format: str) -> NoReturn:
    """Check a case study's program: the same diagnosis as `netdoctor check` on the file."""
    study = _study(name)
    run_check([study.program(fixed)], output_format)


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
