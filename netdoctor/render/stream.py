"""Printing a batch as it goes: each file's result as soon as it, and every file before
it, is done (`batch.py` calls `file` in the command line's order, so the output is the
same from run to run).

Per-file formats (text, concise, github, jsonl, md, html) print in `file`; whole-document
formats (json, junit, sarif) can only print in `finish`, once every file is known.
Standard output is flushed after each file, so a pipe or a CI log sees it at once.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from netdoctor.report import Report


class Printer:
    """Prints reports as they come (`file`), then what ends the output (`finish`)."""

    def __init__(self, output_format: str, quiet: bool = False) -> None:
        self.format = output_format
        self.quiet = quiet
        self.count = 0
        self._console: Console | None = None
        # The text report needs rich (a third of the parent's imports): loaded in a thread
        # while the worker starts and checks, off the path to the worker's start.
        self._loading: threading.Thread | None = None
        if output_format == "text":
            self._loading = threading.Thread(target=_load_text, name="netdoctor-load-rich")
            self._loading.start()

    def file(self, report: Report) -> None:
        """One file's result, printed now for per-file formats."""
        self.count += 1
        if self.format == "text":
            self._text(report)
        elif self.format in ("concise", "github"):
            from netdoctor.render.lines import concise_lines, github_lines

            lines = concise_lines if self.format == "concise" else github_lines
            self._echo("\n".join(lines(report)))
        elif self.format == "jsonl":
            self._echo(json.dumps(report.to_dict()))
        elif self.format in ("md", "html"):
            from netdoctor.render.documents import render_html, render_markdown

            self._echo((render_markdown if self.format == "md" else render_html)(report))
        sys.stdout.flush()

    def finish(self, reports: Sequence[Report], pages: Sequence[Path] = ()) -> None:
        """What needs every file: a summary, or the whole document."""
        if self.format == "json":
            payload = [r.to_dict() for r in reports]
            self._echo(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2))
        elif self.format == "junit":
            from netdoctor.render.junit import render_junit

            self._echo(render_junit(reports))
        elif self.format == "sarif":
            from netdoctor.render.sarif import render_sarif

            self._echo(render_sarif(reports))
        elif self.format in ("concise", "github") and not self.quiet:
            from netdoctor.render.lines import summary_line

            self._echo(summary_line(reports))
        elif self.format == "text" and not self.quiet:
            from netdoctor.render.text import render_summary

            console = self._text_console()
            if len(reports) > 1:
                console.print()
                render_summary(list(reports), console)
            for page in pages:
                console.print(f"full report: {page}", markup=False, highlight=False)
        sys.stdout.flush()

    def _text(self, report: Report) -> None:
        from netdoctor.render.text import render_text

        console = self._text_console()
        if self.count > 1:
            console.print()
        render_text(report, console, quiet=self.quiet)

    def _text_console(self) -> Console:
        """The console of the text report, made once rich is loaded."""
        if self._console is None:
            if self._loading is not None:
                self._loading.join()
            from netdoctor.render.text import text_console

            self._console = text_console()
        return self._console

    @staticmethod
    def _echo(text: str) -> None:
        if text:
            print(text, flush=True)


def _load_text() -> None:
    """Import the text report's modules (rich), so that printing finds them loaded. A
    failure is left to the main thread's own import, which raises it where it is handled
    (a thread's exception would only print a traceback)."""
    try:
        import netdoctor.render.text  # noqa: F401
    except Exception:
        return
