"""Markdown and self-contained HTML reports, and the `--out DIR` folder.

The HTML page is one file: styles inline, images embedded as data URIs, no fonts or
scripts from anywhere, so it opens offline and can be mailed or attached to a CI run.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netdoctor.findings import Finding, sort_findings
from netdoctor.render.text import verdict_sentence

if TYPE_CHECKING:  # plots import matplotlib: only when pictures are drawn
    from netdoctor.render.figure import Picture
    from netdoctor.report import Report

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em;
       color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
.verdict { font-size: 1.1em; font-weight: 600; padding: .6em .8em; border-radius: 4px; }
.bad { background: #fde8e8; color: #8a1f1f; } .good { background: #e6f4ea; color: #1e5b2c; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { border: 1px solid #ccc; padding: .35em .5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.error { color: #b00020; font-weight: 600; } .warning { color: #8a6d00; font-weight: 600; }
.info { color: #005f87; }
code, pre { font-family: ui-monospace, monospace; background: #f6f6f6; padding: 0 .2em; }
code, pre { overflow-wrap: anywhere; } pre { white-space: pre-wrap; }
figure { margin: 1em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: .9em; color: #555; }
"""


def _where(finding: Finding) -> str:
    return str(finding.location.line) if finding.location and finding.location.line else "-"


def render_markdown(report: Report, image_names: Sequence[tuple[str, str]] = ()) -> str:
    """Markdown; `image_names` are (file, title) pairs of pictures written next to it."""
    lines = [f"# netdoctor: `{report.file}`", "", f"**{verdict_sentence(report)}**", ""]
    if report.status != "checked":
        lines += ["```", str((report.error or {}).get("message", "")), "```"]
        return "\n".join(lines) + "\n"
    if report.findings:
        lines += [
            "## Findings",
            "",
            "| severity | code | line | finding | fix |",
            "|---|---|---|---|---|",
        ]
        for f in sort_findings(report.findings):
            message = f.message.replace("|", "\\|").replace("\n", " ")
            fix = f.fix.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {f.severity} | {f.code} {f.name} | {_where(f)} | {message} | {fix} |")
            if f.location and f.location.source:
                lines.append(f"| | | | `{f.location.source}` | |")
        lines.append("")
    lines += ["## Network", ""] + [f"- {k}: {v}" for k, v in _network(report).items()] + [""]
    if report.gradient_checks:
        lines += [
            "## Gradient checks",
            "",
            "| parameter | point | verdict | relative error | scale |",
            "|---|---|---|---|---|",
        ]
        for c in report.gradient_checks:
            error = f"{c.relative_error:.1e}" if c.relative_error is not None else "-"
            scale = f"{c.scale:.4g}" if c.scale is not None else "-"
            lines.append(f"| {c.parameter} | {c.point} | {c.shown_verdict} | {error} | {scale} |")
        lines.append("")
    if image_names:
        lines += ["## Pictures", ""]
        lines += [f"![{title}]({name})" for name, title in image_names]
        lines.append("")
    if report.notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in report.notes] + [""]
    return "\n".join(lines)


def _network(report: Report) -> dict[str, str]:
    subject = report.subject
    structure = subject.get("structure", {})
    data = subject.get("data", {})
    return {
        "style": str(subject.get("description", "-")),
        "layers": str(structure.get("layer_sizes", "-")),
        "hidden activation": f"{subject.get('hidden_activation', '-')} "
        f"({subject.get('hidden_activation_source', '')})",
        "loss": f"{subject.get('loss', '-')} ({subject.get('loss_source', '')})",
        "truth": str(subject.get("truth", "-")),
        "data": str(data.get("source", "-")),
    }


def render_html(report: Report, drawn: Sequence[Picture] | None = None) -> str:
    """One self-contained page: verdict, findings table, network, checks, pictures.

    `drawn` are pictures already drawn (by `write_folder`); otherwise they are drawn here.
    """
    e = html.escape
    bad = report.exit_code != 0
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>netdoctor: {e(report.file)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>netdoctor: <code>{e(report.file)}</code></h1>",
        f'<p class="verdict {"bad" if bad else "good"}">{e(verdict_sentence(report))}</p>',
    ]
    if report.status != "checked":
        parts.append(f"<pre>{e(str((report.error or {}).get('message', '')))}</pre>")
        return "\n".join([*parts, "</body></html>"])
    parts.append("<h2>Findings</h2>")
    parts.append(
        '<table id="findings"><thead><tr><th>severity</th><th>rule</th><th>line</th>'
        "<th>finding</th><th>fix</th></tr></thead><tbody>"
    )
    for f in sort_findings(report.findings):
        source = (
            f"<br><code>{e(f.location.source)}</code>" if f.location and f.location.source else ""
        )
        parts.append(
            f'<tr><td class="{e(f.severity)}">{e(f.severity)}</td>'
            f"<td>{e(f.code)} {e(f.name)}</td><td>{e(_where(f))}</td>"
            f"<td>{e(f.message)}{source}</td><td>{e(f.fix)}</td></tr>"
        )
    if not report.findings:
        parts.append('<tr><td colspan="5">no findings</td></tr>')
    parts.append("</tbody></table>")
    parts.append("<h2>Network</h2><ul>")
    parts += [f"<li>{e(k)}: {e(v)}</li>" for k, v in _network(report).items()]
    parts.append("</ul>")
    if report.gradient_checks:
        parts.append(
            "<h2>Gradient checks</h2><table><thead><tr><th>parameter</th><th>point</th>"
            "<th>verdict</th><th>relative error</th><th>scale</th></tr></thead><tbody>"
        )
        for c in report.gradient_checks:
            error = f"{c.relative_error:.1e}" if c.relative_error is not None else "-"
            scale = f"{c.scale:.4g}" if c.scale is not None else "-"
            parts.append(
                f"<tr><td>{e(c.parameter)}</td><td>{e(c.point)}</td><td>{e(c.shown_verdict)}</td>"
                f"<td>{error}</td><td>{scale}</td></tr>"
            )
        parts.append("</tbody></table>")
    if drawn is None and report.plot_data:
        from netdoctor.render.plots import pictures

        drawn = pictures(report)
    if drawn:
        parts.append("<h2>Pictures</h2>")
        for picture in drawn:
            data = base64.b64encode(picture.png).decode("ascii")
            # width and height at 1x: the PNG has twice the pixels, for sharp screens
            parts.append(
                f'<figure><img alt="{e(picture.title)}" width="{picture.width}" '
                f'height="{picture.height}" src="data:image/png;base64,{data}">'
                f"<figcaption>{e(picture.title)}</figcaption></figure>"
            )
    if report.notes:
        parts.append("<h2>Notes</h2><ul>")
        parts += [f"<li>{e(note)}</li>" for note in report.notes]
        parts.append("</ul>")
    return "\n".join([*parts, "</body></html>"])


def write_folder(report: Report, folder: Path) -> Path:
    """report.md, report.html, report.json and the images; returns the HTML's path."""
    folder.mkdir(parents=True, exist_ok=True)
    drawn: list[Picture] = []
    if report.status == "checked" and report.plot_data:
        from netdoctor.render.plots import pictures

        drawn = pictures(report)
    names = [(picture.name, picture.title) for picture in drawn]
    for picture in drawn:
        (folder / picture.name).write_bytes(picture.png)
    (folder / "report.md").write_text(render_markdown(report, names), encoding="utf-8")
    (folder / "report.json").write_text(report.to_json() + "\n", encoding="utf-8")
    page = folder / "report.html"
    page.write_text(render_html(report, drawn), encoding="utf-8")
    return page


def write_reports(reports: Sequence[Report], out: Path) -> list[Path]:
    """One folder for one file; a subfolder per file (named after it) for several."""
    if len(reports) == 1:
        return [write_folder(reports[0], out)]
    pages, used = [], set()
    for report in reports:
        stem = Path(report.file).stem or "file"
        name, index = stem, 2
        while name in used:
            name, index = f"{stem}_{index}", index + 1
        used.add(name)
        pages.append(write_folder(report, out / name))
    (out / "summary.json").write_text(
        json.dumps(
            [
                {"file": r.file, "exit_code": r.exit_code, "report": str(p)}
                for r, p in zip(reports, pages, strict=True)
            ],
            indent=2,
        ),
        encoding="utf-8",
    )
    return pages
