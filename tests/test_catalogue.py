"""Every implemented rule is explained in full and exercised by a test program."""

from __future__ import annotations

from pathlib import Path

import pytest

from netdoctor.catalogue import RULES, SECTIONS

TESTS = Path(__file__).parent
IMPLEMENTED = sorted(code for code, rule in RULES.items() if rule.implemented)


@pytest.mark.parametrize("code", IMPLEMENTED)
def test_implemented_rule_has_every_section(code: str) -> None:
    explanation = RULES[code].explanation
    missing = [s for s in SECTIONS if not explanation.get(s, "").strip()]
    assert missing == [], f"{code} lacks {missing}"


@pytest.mark.parametrize("code", IMPLEMENTED)
def test_implemented_rule_is_asserted_by_a_test(code: str) -> None:
    tests = [p for p in TESTS.glob("test_*.py") if p.name != "test_catalogue.py"]
    assert any(f'"{code}"' in p.read_text() for p in tests), f"no test asserts {code}"


def test_diagnosis_rules_are_implemented() -> None:
    wanted = {f"ND{n}" for n in [*range(100, 113), *range(201, 208), 309, 310]}
    assert wanted <= set(IMPLEMENTED)
