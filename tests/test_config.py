"""Choosing findings and settings: `--select`/`--ignore` by code or prefix, and
`[tool.netdoctor]` in the nearest pyproject.toml, the command line winning over the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from netfiles import cli

from netdoctor.config import SettingsError, load_config, resolve
from netdoctor.selection import Selection, SelectionLayer

PROGRAMS = Path(__file__).parent / "programs"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder; buggy.py (only ND108, an error) lives in its `src/` subfolder."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src/buggy.py").write_text(
        (PROGRAMS / "buggy/exercise_db1_not_summed.py").read_text()
    )
    return tmp_path


def configure(project: Path, body: str) -> None:
    (project / "pyproject.toml").write_text(
        f"[project]\nname = 'course'\n\n[tool.netdoctor]\n{body}"
    )


def check(project: Path, *options: str) -> tuple[int, str, str]:
    result = cli("check", "buggy.py", "--no-train", "-f", "concise", *options, cwd=project / "src")
    return result.returncode, result.stdout, result.stderr


def test_ignoring_the_only_error_exits_0(project: Path) -> None:
    assert check(project)[0] == 1
    assert check(project, "--ignore", "ND108")[:2] == (0, "All checks passed!\n")
    assert check(project, "--ignore", "ND1")[0] == 0  # a prefix
    assert check(project, "--ignore", "nd2", "--ignore", "ND3,ND108")[0] == 0  # repeated, commas
    assert check(project, "--select", "ND2,ND3")[0] == 0
    assert check(project, "--select", "ND1")[0] == 1
    assert check(project, "--select", "ND108", "--ignore", "ND1")[0] == 1  # most specific wins


def test_json_shows_the_selected_findings_and_their_exit_code(project: Path) -> None:
    result = cli(
        "check", "buggy.py", "--no-train", "-f", "json", "--ignore", "ND108", cwd=project / "src"
    )
    report = json.loads(result.stdout)
    assert (result.returncode, report["exit_code"], report["findings"]) == (0, 0, [])


def test_unknown_codes_are_an_error_before_any_check(project: Path) -> None:
    code, out, err = check(project, "--select", "ND9", "--ignore", "ND108")
    assert (code, out) == (2, "")
    assert "ND9" in err and "netdoctor rules" in err and "ND1, ND2, ND3" in err


def test_selection_layers_like_ruff() -> None:
    file = SelectionLayer(select=("ND1",), ignore=("ND106",))
    assert [Selection((file,)).enabled(c) for c in ("ND101", "ND106", "ND201")] == [
        True,
        False,
        False,
    ]
    more = SelectionLayer(ignore=("ND101",))  # the command line's --ignore adds to the file's
    assert [Selection((file, more)).enabled(c) for c in ("ND101", "ND102", "ND106")] == [
        False,
        True,
        False,
    ]
    fresh = SelectionLayer(select=("ND106", "ND2"))  # its --select starts over
    assert [Selection((file, fresh)).enabled(c) for c in ("ND101", "ND106", "ND201")] == [
        False,
        True,
        True,
    ]
    assert not Selection((SelectionLayer(select=("ND1",), ignore=("ND1",)),)).enabled("ND101")


def test_the_nearest_pyproject_with_the_table_configures_the_check(project: Path) -> None:
    configure(project, 'ignore = ["ND108"]\n')
    (project / "src/pyproject.toml").write_text(
        "[project]\nname = 'no-table-here'\n"
    )  # passed over
    assert check(project)[:2] == (0, "All checks passed!\n")
    # the command line wins: its --select replaces the file's select and ignore
    assert check(project, "--select", "ND1")[0] == 1


def test_command_line_wins_over_the_file_which_wins_over_defaults(project: Path) -> None:
    configure(project, "steps = 7\nseed = 3\n")

    def steps_run(*options: str) -> int:
        result = cli("check", "buggy.py", "-f", "json", *options, cwd=project / "src")
        return json.loads(result.stdout)["training"]["steps_run"]

    assert steps_run() == 7
    assert steps_run("--steps", "5") == 5


def test_every_key_in_both_spellings(tmp_path: Path) -> None:
    configure(
        tmp_path,
        'select = ["ND1", "ND2"]\nignore = "ND106"\nloss = "MSE"\nhidden = 8\ntimeout = 30\n'
        "steps = 100\nseed = 7\ntrain_seconds = 2.5\nmemory-mb = 0\njobs = 3\n",
    )
    settings = resolve({"hidden": 5}, select=None, ignore=["ND101"], fixed={}, start=tmp_path)
    options = settings.options
    assert (options.loss, options.hidden, options.timeout, options.train_steps) == (
        "mse",
        5,
        30.0,
        100,
    )
    assert (options.seed, options.train_seconds, options.memory_mb, settings.jobs) == (
        7,
        2.5,
        None,
        3,
    )
    assert settings.config.path == tmp_path / "pyproject.toml"
    enabled = [settings.selection.enabled(c) for c in ("ND101", "ND102", "ND106", "ND201", "ND301")]
    assert enabled == [False, True, False, True, False]


def test_no_configuration_means_the_defaults(tmp_path: Path) -> None:
    settings = resolve({}, select=None, ignore=None, fixed={}, start=tmp_path)
    assert (settings.options.timeout, settings.options.memory_mb, settings.jobs) == (60.0, 2048, 1)
    assert load_config(tmp_path).path is None


@pytest.mark.parametrize(
    ("body", "key", "says"),
    [
        ("hiden = 3\n", "hiden", "unknown key"),
        ("seed = -1\n", "seed", ">= 0"),
        ('hidden = "four"\n', "hidden", "not an integer"),
        ("timeout = true\n", "timeout", "not a number"),
        ('loss = "hinge"\n', "loss", "bce, mse"),
        ('select = ["ND7"]\n', "select", "not a rule code"),
        ("select = 106\n", "select", "list of rule codes"),
        ("train-seconds = 1\ntrain_seconds = 2\n", "train_seconds", "given twice"),
    ],
)
def test_a_bad_key_or_value_names_the_file_and_the_key(
    tmp_path: Path, body: str, key: str, says: str
) -> None:
    configure(tmp_path, body)
    with pytest.raises(SettingsError) as raised:
        resolve({}, select=None, ignore=None, fixed={}, start=tmp_path)
    message = str(raised.value)
    assert str(tmp_path / "pyproject.toml") in message and key in message and says in message


def test_a_bad_configuration_exits_2_before_any_check(project: Path) -> None:
    configure(project, "seed = -1\n")
    code, out, err = check(project, "--seed", "1")  # a bad file is an error even when overridden
    assert (code, out) == (2, "")
    assert str(project / "pyproject.toml") in err and "seed" in err
    (project / "pyproject.toml").write_text("[tool.netdoctor\n")
    code, out, err = check(project)
    assert (code, out) == (2, "") and "TOML" in err


def test_rule_codes_are_known_without_importing_the_rules() -> None:
    """`--select`/`--ignore` are checked in the parent from the rule modules' names, so the
    parent need not import numpy; the names must give exactly the registered codes."""
    from netdoctor.rules import all_rules, known_codes

    assert known_codes() == tuple(all_rules())


def test_the_parent_of_a_check_imports_no_numpy(tmp_path: Path) -> None:
    """The parent only parses options, starts the worker and prints: no numpy, no rules."""
    import subprocess
    import sys

    script = (
        "import sys, io, contextlib\n"
        "from netdoctor.cli import main\n"
        "sys.argv = ['netdoctor', 'check', 'missing.py', '--format', 'json', '--select', 'ND1']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('numpy', 'netdoctor.evidence') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
