"""One check of one file, start to finish: load -> discover -> verify -> Report.

This runs inside the child process (it executes user code). Every failure becomes a
Report that says what went wrong and what to do; nothing here prints.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
from dataclasses import replace

import numpy as np

from netdoctor.discover import DiscoverOptions, DiscoveryError, UserCodeError, discover_file
from netdoctor.findings import Location
from netdoctor.load import LoadError
from netdoctor.options import CheckOptions
from netdoctor.plotdata import plot_data
from netdoctor.report import Report
from netdoctor.structure import StructureError
from netdoctor.training import TrainingResult, watch
from netdoctor.verify import VerifyOptions, verify
from netdoctor.version import __version__


def check_file(
    path: str, options: CheckOptions | None = None, shown_as: str | None = None
) -> Report:
    """Check one file. `shown_as` is the name to use in the report (the path as the user typed
    it, when the child process got an absolute path because it runs in the file's folder)."""
    report = _check(path, options or CheckOptions())
    report.version = __version__
    if shown_as is not None and shown_as != path:
        _relabel(report, path, shown_as)
    return report


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


def _check(path: str, options: CheckOptions) -> Report:
    np.random.seed(options.seed)
    random.seed(options.seed)
    discover_options = DiscoverOptions(
        gradients=options.gradients,
        forward=options.forward,
        network_class=options.network_class,
        hidden=options.hidden,
        learning_rate=options.learning_rate,
        seed=options.seed,
    )
    sink = io.StringIO()
    skipped: list[dict[str, object]] = []
    failed: list[dict[str, object]] = []
    try:
        with contextlib.redirect_stdout(sink):
            found = discover_file(path, discover_options)
            module, subject = found.module, found.subject
            skipped = [s.to_dict() for s in module.skipped]
            failed = [s.to_dict() for s in module.failed]
            verification = verify(subject, VerifyOptions(loss=options.loss, seed=options.seed))
    except UserCodeError as error:
        if isinstance(error.error, MemoryError):
            report = Report.not_checked(
                path,
                "out-of-memory",
                f"{path}: your code ran out of memory ({options.memory_mb} MB allowed per "
                f"file): {error}\nRaise the limit with --memory-mb, or look for an array "
                "that grows without bound.",
                line=error.line,
            )
            report.skipped_statements = skipped
            return report
        report = Report.not_checked(
            path,
            "user-code-raised",
            f"{path}: {error}\nFix the error in your code (the lines above are yours), "
            "or point netdoctor at the right function with --gradients NAME.",
            line=error.line,
            frames=[
                {"line": line, "function": fn, "source": text} for line, fn, text in error.frames
            ],
        )
        report.skipped_statements = skipped
        return report
    except LoadError as error:
        return Report.not_checked(path, error.kind, str(error), line=error.line)
    except (DiscoveryError, StructureError) as error:
        kind = getattr(error, "kind", "no-network")
        report = Report.not_checked(path, kind, f"{path}: {error}")
        report.skipped_statements = skipped
        report.notes = [f"line {f['line']}: {f['source']} -> {f['reason']}" for f in failed]
        return report
    training = TrainingResult()
    if options.train:
        try:
            with contextlib.redirect_stdout(sink):
                training = watch(subject, verification, options)
        except Exception as error:  # a crashing rule is a result, never a crashed check
            training.notes.append(
                f"training could not be recorded: {type(error).__name__}: {error}"
            )
    lines = module.lines
    findings = []
    for finding in [*verification.findings, *training.findings]:
        if finding.location is not None:
            line = finding.location.line
            text = lines[line - 1].strip() if 0 < line <= len(lines) else None
            finding = replace(finding, location=Location(os.fspath(path), line, text))
        findings.append(finding)
    notes = list(subject.notes) + training.notes
    notes += [f"line {f['line']} failed at load: {f['source']} -> {f['reason']}" for f in failed]
    if (
        subject.data_failures
        and subject.user_Y_shape is not None
        and len(subject.user_Y_shape) == 1
    ):
        notes.append("with your own data arrays the code failed: " + subject.data_failures[0])
    try:
        pictures = plot_data(subject, verification)
    except Exception as error:  # pictures are a bonus: never lose the check for them
        pictures = {}
        notes.append(f"the data for plots could not be gathered: {type(error).__name__}: {error}")
    if training.curves:
        pictures["training"] = training.curves
    report = Report(
        file=path,
        training=training.summary,
        plot_data=pictures,
        findings=findings,
        subject={**subject.describe(), **verification.identity},
        gradient_checks=verification.checks,
        skipped_statements=skipped,
        notes=notes,
    )
    return report
