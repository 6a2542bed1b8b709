"""Every rule is one module, explained in full, and fires on its own test program.

Each rule code has a program in `tests/rules/` named after it (`ND101_*.py`), written the
way people write networks, with the bug marked `# BUG(ND101)`. The programs are checked
as the style tests check theirs (`engine.check_file` in a fork, in the program's folder):
the child processes of `netdoctor check` cost a second of CPU per program on top, and
tests/test_judge.py shows that they give the same report.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from styles_common import BUGGY_TRAIN_STEPS, checked

from netdoctor.report import Report
from netdoctor.rules import SECTIONS, all_rules

RULES = all_rules()
PROGRAMS = Path(__file__).parent / "rules"
PACKAGE = Path(__file__).parent.parent / "netdoctor"


def program_of(code: str) -> Path:
    found = sorted(PROGRAMS.glob(f"{code}_*.py"))
    assert len(found) == 1, f"{code} needs exactly one program tests/rules/{code}_*.py"
    return found[0]


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    # a gradient or forward rule's program is found before training (ND307, symmetric
    # weights, at its first step): the style tests' shorter recording, the training rules'
    # programs the whole default one
    return {
        code: checked(program_of(code), BUGGY_TRAIN_STEPS)
        if code < "ND300" or code == "ND307"
        else checked(program_of(code))
        for code in sorted(RULES)
    }


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_fires_on_its_own_program(code: str, reports: dict[str, Report]) -> None:
    report = reports[code]
    assert report.status == "checked", report.error
    assert code in report.codes(), f"{program_of(code).name}: {report.codes()}"
    program = program_of(code).read_text()
    assert f"# BUG({code})" in program, "the program marks the line with its bug"


@pytest.mark.parametrize("code", sorted(RULES))
def test_explain_prints_every_section(code: str) -> None:
    explanation = RULES[code].explanation
    missing = [s for s in SECTIONS if not explanation.get(s, "").strip()]
    assert missing == [], f"{code} lacks {missing}"
    assert set(explanation) == set(SECTIONS), f"{code} has sections the catalogue does not"
    assert RULES[code].fix.strip(), f"{code} has no fix text"


def test_each_code_is_registered_in_exactly_one_module() -> None:
    folder = PACKAGE / "rules"
    registering: dict[str, list[str]] = {}
    for module in sorted(folder.glob("nd*.py")):
        tree = ast.parse(module.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "rule":
                code = next(k.value for k in node.keywords if k.arg == "code")
                registering.setdefault(ast.literal_eval(code), []).append(module.name)
    assert sorted(registering) == sorted(RULES)
    assert {code: names for code, names in registering.items() if len(names) != 1} == {}
    for code, (name,) in registering.items():
        assert name.startswith(f"nd{code[2:]}_"), f"{code} lives in {name}"


def test_diagnosis_rules_are_all_there() -> None:
    wanted = {f"ND{n}" for n in [*range(100, 114), *range(201, 208), *range(301, 312)]}
    assert wanted == set(RULES)
