"""The one pipeline every entry point uses: the CLI's worker, the Python API, the tests'
helpers and the benchmarks.

    load -> discover -> identify + gradients + diagnose (verify) -> stress (probes)
         -> record (training) -> Evidence -> rules -> causes -> locate -> Report

This runs in the process that runs user code (the sandbox's child, or the caller's for
`check_gradients`). Every failure becomes a Report that says what went wrong and what to
do; nothing here prints.
"""

from __future__ import annotations

import contextlib
import os
import random
import warnings
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Union

import numpy as np

from netdoctor.capture import BoundedOutput
from netdoctor.causes import link_causes
from netdoctor.discover.common import DiscoverOptions, DiscoveryError, UserCodeError
from netdoctor.discover.quiet import no_prompts
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding, Location
from netdoctor.identify import DOUBLED_SOURCE
from netdoctor.load import LoadError, notebook_places
from netdoctor.locate import locate
from netdoctor.memo import answers_remembered
from netdoctor.options import CheckOptions
from netdoctor.plotdata import plot_data
from netdoctor.probes import probe_evidence
from netdoctor.remote import RemoteDiscovery
from netdoctor.report import Report
from netdoctor.rules import all_rules
from netdoctor.structure import StructureError
from netdoctor.subject import Subject
from netdoctor.training import TrainingResult, watch
from netdoctor.verify import verify
from netdoctor.version import __version__

if TYPE_CHECKING:
    from netdoctor.discover.find import Discovery

Found = Union["Discovery", RemoteDiscovery]  # what discovery found, here or in the worker


def check_file(
    path: str | os.PathLike[str], options: CheckOptions | None = None, shown_as: str | None = None
) -> Report:
    """Check one file in this process. `shown_as` is the name to use in the report (the
    path as the user typed it, when the child process got an absolute path because it runs
    in the file's folder). A `Path` is taken as its text: the follower matches the code it
    traces by file name."""
    from netdoctor.discover.find import discover_file  # the judge never needs it

    path = os.fspath(path)
    options = options or CheckOptions()

    def find(asked: DiscoverOptions) -> Found:
        np.random.seed(options.seed)
        random.seed(options.seed)
        return discover_file(path, asked)

    return check_found(path, options, find, shown_as)


def check_found(
    path: str, options: CheckOptions, find: Callable[[DiscoverOptions], Found], shown_as: str | None
) -> Report:
    """Check what `find` discovers: in this process (`check_file`), or in the worker that
    runs the user's code while the judge computes the verdict (`judge.py`)."""
    # the user's code, run again and again, overflows and divides by zero where training
    # saturates: evidence the report weighs, not lines for their terminal; it never waits
    # on the keyboard
    with warnings.catch_warnings(), no_prompts():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _check_file(path, options, find, shown_as)


def _check_file(
    path: str, options: CheckOptions, find: Callable[[DiscoverOptions], Found], shown_as: str | None
) -> Report:
    sink = BoundedOutput()  # the user's prints: head and tail kept, never unbounded
    try:
        with contextlib.redirect_stdout(sink):
            found = find(options.discovery())
    except (UserCodeError, LoadError, DiscoveryError, StructureError) as error:
        report = _not_checked(path, error, options)
    else:
        skipped = [s.to_dict() for s in found.module.skipped]
        failed = [s.to_dict() for s in found.module.failed]
        load_notes = [
            f"line {f['line']} failed at load: {f['source']} -> {f['reason']}" for f in failed
        ]
        try:
            with contextlib.redirect_stdout(sink):
                report = check_subject(found.subject, options, path, found.module.lines, load_notes)
        except (UserCodeError, StructureError) as error:  # a network found but not checkable
            report = _not_checked(path, error, options)
        report = _later_loop(path, options, find, found, report, sink) or report
        report.skipped_statements = skipped
    report.version = __version__
    if shown_as is not None and shown_as != path:
        _relabel(report, path, shown_as)
    return report


def check_subject(
    subject: Subject,
    options: CheckOptions,
    path: str,
    lines: list[str],
    load_notes: list[str] | None = None,
) -> Report:
    """Everything after discovery: gather the evidence, run the rules, build the Report.
    `lines` are the file's, for the source text of each finding's line."""
    with answers_remembered(subject):  # verification and the probes ask at the same points
        verification = verify(subject, options)
        assert verification.evidence is not None
        gradients = verification.evidence
        probes = probe_evidence(
            subject,
            verification.points[1].values,
            verification.hidden,
            gradients.loss,
            unsimplified_proved="ND103" in gradients.bug_codes(),
            doubled_output=verification.identity.get("hidden_activation_source") == DOUBLED_SOURCE,
        )
    training = TrainingResult()
    if options.train:
        try:
            training = watch(subject, verification, options)
        except Exception as error:  # a crashing rule is a result, never a crashed check
            training.notes.append(
                f"training could not be recorded: {type(error).__name__}: {error}"
            )
    evidence = Evidence(gradients, probes, training.evidence)
    findings = link_causes(run_rules(evidence, subject.notes))
    findings = locate(
        findings,
        subject,
        subject.initial,
        verification.points[0].claimed,
        verification.diagnosis,
        verification.hidden,
        gradients.loss,
        gradients.location,
    )
    places = _notebook_places(path)
    findings = [_with_source(f, path, lines, places) for f in findings]
    notes = list(subject.notes) + training.notes + list(load_notes or [])
    if gradients.data_failures and gradients.one_dimensional_labels:
        notes.append("with your own data arrays the code failed: " + gradients.data_failures[0])
    try:
        pictures = plot_data(subject, verification, training.trained, training.trained_steps)
    except Exception as error:  # pictures are a bonus: never lose the check for them
        pictures = {}
        notes.append(f"the data for plots could not be gathered: {type(error).__name__}: {error}")
    if training.curves:
        pictures["training"] = training.curves
    return Report(
        file=path,
        training=training.summary,
        plot_data=pictures,
        findings=findings,
        subject={**subject.describe(), **verification.identity},
        gradient_checks=verification.checks,
        notes=notes,
        version=__version__,
    )


def run_rules(evidence: Evidence, notes: list[str]) -> list[Finding]:
    """Every registered rule on the evidence; a rule that crashes is a note, not a crash."""
    findings: list[Finding] = []
    for rule in all_rules().values():
        try:
            findings += rule.check(evidence)
        except Exception as error:
            notes.append(f"rule {rule.code} could not run: {type(error).__name__}: {error}")
    return findings


def _later_loop(
    path: str,
    options: CheckOptions,
    find: Callable[[DiscoverOptions], Found],
    found: Found,
    report: Report,
    sink: BoundedOutput,
) -> Report | None:
    """When the training loop followed is clean and the file trains again in another loop
    (a notebook's "train some more" cell, a copy after re-initialising): that loop checked
    too, and its report when it has an error. A bug only in the later loop is no bug missed.
    A model of fewer layers trained after the network (a baseline) is not the network."""
    clean = report.status == "checked" and report.exit_code == 0
    if found.how != "followed" or found.loop_line is None or not clean:
        return None
    others, same = found.later_loops()
    if not others:
        return None
    again = replace(options.discovery(), skip_loops=tuple(same))
    try:
        with contextlib.redirect_stdout(sink):
            later = find(again)
            if later.how != "followed" or later.loop_line not in others:
                return None
            if later.subject.structure.n_layers < found.subject.structure.n_layers:
                return None
            second = check_subject(later.subject, options, path, later.module.lines, [])
    except (UserCodeError, LoadError, DiscoveryError, StructureError):
        return None
    if second.exit_code != 1:
        return None
    second.notes.insert(
        0,
        f"your training loop at line {found.loop_line} checks clean; this report is for your "
        f"training loop at line {later.loop_line}, which trains the network again",
    )
    return second


def _with_source(
    finding: Finding, path: str, lines: list[str], places: list[tuple[int, int]]
) -> Finding:
    """A location's path is the checked file's; its source text the line there; in a
    notebook (`places`), its cell and the line within the cell."""
    if finding.location is None:
        return finding
    line = finding.location.line
    text = lines[line - 1].strip() if 0 < line <= len(lines) else None
    cell, cell_line = places[line - 1] if 0 < line <= len(places) else (None, None)
    return replace(finding, location=Location(os.fspath(path), line, text, cell, cell_line))


def _notebook_places(path: str) -> list[tuple[int, int]]:
    if not os.fspath(path).endswith(".ipynb"):
        return []
    try:
        with open(path, "rb") as file:
            return notebook_places(file.read(), os.fspath(path))
    except (OSError, LoadError):
        return []


def _not_checked(path: str, error: Exception, options: CheckOptions) -> Report:
    if isinstance(error, UserCodeError):
        if isinstance(error.error, MemoryError):
            return Report.not_checked(
                path,
                "out-of-memory",
                f"{path}: your code ran out of memory ({options.memory_mb} MB allowed per "
                f"file): {error}\nRaise the limit with --memory-mb, or look for an array "
                "that grows without bound.",
                line=error.line,
            )
        return Report.not_checked(
            path,
            "user-code-raised",
            f"{path}: {error}\nFix the error in your code (the lines above are yours), "
            "or point netdoctor at the right function with --gradients NAME.",
            line=error.line,
            frames=[
                {"line": line, "function": fn, "source": text} for line, fn, text in error.frames
            ],
        )
    if isinstance(error, LoadError):
        return Report.not_checked(path, error.kind, str(error), line=error.line)
    return Report.not_checked(path, getattr(error, "kind", "no-network"), f"{path}: {error}")


def _relabel(report: Report, path: str, shown_as: str) -> None:
    report.file = shown_as
    if report.error is not None:
        report.error["message"] = str(report.error.get("message", "")).replace(path, shown_as)
    report.findings = [
        replace(f, location=replace(f.location, path=shown_as))
        if f.location is not None and f.location.path == path
        else f
        for f in report.findings
    ]
