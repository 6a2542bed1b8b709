"""The rules: one module per code (`nd101_sigmoid_derivative_of_activation.py` ...).

`all_rules()` lists them; `run_rules(evidence)` runs every rule on one Evidence.
"""

from __future__ import annotations

from netdoctor.rules.registry import SECTIONS, Rule, all_rules, get, known_codes, rule

__all__ = ["SECTIONS", "Rule", "all_rules", "get", "known_codes", "rule"]
