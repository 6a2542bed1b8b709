"""Output formats as their readers rely on them: editors and CI read `concise` lines,
GitHub turns `github` lines into annotations, log processors read `jsonl` a line at a time,
and a piped text report keeps every `path:line` and file name whole."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from netfiles import cli

from netdoctor.findings import Finding, Location, Severity
from netdoctor.render.lines import concise_lines, escape_data, escape_property, github_lines
from netdoctor.report import Report

PROGRAMS = Path(__file__).parent / "programs"
SYNTAX = "import numpy as np\n\ndef backprop(X, Y:\n    pass\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """buggy.py (ND108 at line 13), good.py, syntax.py (a syntax error at line 3)."""
    path = tmp_path_factory.mktemp("formats")
    (path / "buggy.py").write_text((PROGRAMS / "buggy/exercise_db1_not_summed.py").read_text())
    (path / "good.py").write_text((PROGRAMS / "correct/exercise_backprop.py").read_text())
    (path / "syntax.py").write_text(SYNTAX)
    return path


@pytest.fixture(scope="module")
def jsonl(folder: Path) -> subprocess.CompletedProcess[str]:
    return cli("check", "buggy.py", "good.py", "--no-train", "-f", "jsonl", cwd=folder)


@pytest.fixture(scope="module")
def nd108(jsonl: subprocess.CompletedProcess[str]) -> dict:
    (finding,) = json.loads(jsonl.stdout.splitlines()[0])["findings"]
    assert finding["code"] == "ND108" and finding["location"]["line"] == 13
    return finding


def test_concise_is_one_ruff_line_per_finding_then_a_summary(folder: Path, nd108: dict) -> None:
    result = cli(
        "check", "buggy.py", "good.py", "syntax.py", "--no-train", "-f", "concise", cwd=folder
    )
    assert result.stdout.splitlines() == [
        f"buggy.py:13:1: ND108 {nd108['message']}",
        "syntax.py:3:1: not checked (syntax-error): syntax error: '(' was never closed",
        "Found 1 finding (1 error, 0 warnings, 0 info). 1 file not checked.",
    ]
    assert result.returncode == 2  # the worst of the files


def test_concise_on_a_correct_file_says_all_checks_passed(folder: Path) -> None:
    result = cli("check", "good.py", "--no-train", "-f", "concise", cwd=folder)
    assert (result.returncode, result.stdout) == (0, "All checks passed!\n")


def test_github_annotations_are_workflow_commands(folder: Path, nd108: dict) -> None:
    result = cli(
        "check", "buggy.py", "good.py", "syntax.py", "--no-train", "-f", "github", cwd=folder
    )
    buggy, syntax, summary = result.stdout.splitlines()
    assert buggy == (
        "::error file=buggy.py,line=13,title=ND108 bias-gradient-not-reduced::"
        + escape_data(f"{nd108['message']}\nfix: {nd108['fix']}")
    )
    assert syntax.startswith(
        "::error file=syntax.py,line=3,title=not checked (syntax-error)::"
        "syntax error: '(' was never closed%0A"
    )
    assert summary == "Found 1 finding (1 error, 0 warnings, 0 info). 1 file not checked."
    assert result.returncode == 2


def test_github_severities_escaping_and_unlocated_findings() -> None:
    def finding(code: str, severity: Severity, line: int | None) -> Finding:
        location = Location("a,b:c.py", line, None) if line else None
        return Finding(code, "some-rule", severity, "100% bad\r\nreally", "do, this", location)

    report = Report(
        "a,b:c.py",
        findings=[finding("ND203", "info", None), finding("ND201", "warning", 4)],
    )
    message = "100%25 bad%0D%0Areally%0Afix: do, this"
    assert github_lines(report) == [
        f"::warning file=a%2Cb%3Ac.py,line=4,title=ND201 some-rule::{message}",
        f"::notice file=a%2Cb%3Ac.py,line=1,title=ND203 some-rule::{message}",
    ]
    # concise keeps one line per finding; a finding without a line is at line 1
    assert concise_lines(report) == [
        "a,b:c.py:4:1: ND201 100% bad really",
        "a,b:c.py:1:1: ND203 100% bad really",
    ]
    assert escape_property("x:y,z%\n") == "x%3Ay%2Cz%25%0A"


def test_jsonl_is_the_json_object_of_each_file_one_per_line(
    folder: Path, jsonl: subprocess.CompletedProcess[str]
) -> None:
    lines = jsonl.stdout.splitlines()
    assert len(lines) == 2 and jsonl.returncode == 1
    single = cli("check", "buggy.py", "--no-train", "-f", "json", cwd=folder)
    assert json.loads(lines[0]) == json.loads(single.stdout)  # json: one object for one file
    assert json.loads(lines[1])["file"] == "good.py"


def test_piped_text_is_not_wrapped(tmp_path: Path) -> None:
    """File names that differ only at the end stay apart in the summary table, and
    `path:line` stays on one line, however long."""
    stem = "a_submission_with_a_name_much_longer_than_eighty_columns_of_a_terminal_would_hold"
    buggy = tmp_path / f"{stem}_buggy.py"
    fixed = tmp_path / f"{stem}_fixed.py"
    buggy.write_text((PROGRAMS / "buggy/exercise_db1_not_summed.py").read_text())
    fixed.write_text((PROGRAMS / "correct/exercise_backprop.py").read_text())
    result = cli("check", buggy.name, fixed.name, "--no-train", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"✗ {buggy.name}: 1 error: bias-gradient-not-reduced b1 (line 13)")
    assert any(line.endswith(f"  {buggy.name}:13") for line in lines)
    assert any(buggy.name in line and "ND108" in line for line in lines[-6:])  # summary row
    assert any(fixed.name in line and " ok " in line for line in lines[-6:])


def test_quiet_text_is_the_verdict_and_the_findings(folder: Path) -> None:
    result = cli("check", "buggy.py", "good.py", "syntax.py", "-q", "--no-train", cwd=folder)
    text = result.stdout
    assert "✗ buggy.py: 1 error: bias-gradient-not-reduced b1 (line 13)" in text
    assert "error ND108 bias-gradient-not-reduced  buggy.py:13" in text
    assert "✓ good.py: no errors" in text and "✗ syntax.py: could not check" in text
    for noise in ("network:", "gradient check", "note:", "files", "ok, "):
        assert noise not in text
    assert result.returncode == 2


def test_a_batch_prints_each_file_when_it_is_done(folder: Path) -> None:
    """The first file's line arrives while the second (a loop that never ends, stopped by
    the time limit) is still running."""
    # (it waits rather than spins: the limit is wall-clock time, the CPU is the suite's)
    (folder / "hang.py").write_text("import time\nwhile True:\n    time.sleep(1)\n")
    command = [sys.executable, "-m", "netdoctor", "check", "good.py", "hang.py"]
    command += ["--no-train", "--timeout", "4", "-f", "jsonl"]
    with subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        first_at = time.monotonic()
        rest = process.stdout.read()
        process.wait(timeout=120)
    ended_at = time.monotonic()
    assert json.loads(first)["file"] == "good.py"
    assert json.loads(rest)["error"]["kind"] == "timeout"
    assert ended_at - first_at > 2  # printed before the 4 s limit on hang.py ran out


def test_h_is_help_on_every_command() -> None:
    for command in ([], ["check"], ["rules"], ["explain"], ["cases"], ["cases", "run"]):
        result = cli(*command, "-h")
        assert result.returncode == 0 and "Usage" in result.stdout, command


@pytest.mark.parametrize("option", [["--seed", "-1"], ["--lr", "0"], ["--lr", "nan"]])
def test_bad_options_are_usage_errors_before_any_check(folder: Path, option: list[str]) -> None:
    result = cli("check", "good.py", *option, "-f", "json", cwd=folder)
    assert result.returncode == 2 and result.stdout == ""
    assert option[0] in result.stderr and "bug in netdoctor" not in result.stderr


def test_a_clean_report_with_nothing_checkable_does_not_say_the_gradients_agree() -> None:
    """Every entry on an activation's kink (or every row uncheckable otherwise): no error is
    found, but the headline must not claim that the gradients were shown right."""
    from netdoctor.render.text import verdict_sentence
    from netdoctor.report import GradientCheck

    def row(verdict: str) -> GradientCheck:
        point = "your parameters"
        return GradientCheck("W1", point, "numeric", verdict, None, None, [2, 3], [2, 3])

    report = Report(file="net.py", status="checked")
    report.gradient_checks = [row("uncheckable"), row("uncheckable")]
    assert verdict_sentence(report) == "no errors found, but no gradient could be checked"
    report.gradient_checks = [row("uncheckable"), row("agrees")]
    assert verdict_sentence(report) == "no errors: the gradients agree with the truth"
