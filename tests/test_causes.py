"""One root cause, one finding: consequences are named in their cause's evidence."""

from __future__ import annotations

from netdoctor.causes import link_causes
from netdoctor.findings import Finding, Location


def _finding(code: str, severity: str = "error", **evidence: object) -> Finding:
    location = Location("net.py", 9, None)
    return Finding(code, code.lower(), severity, f"{code} says so.", "fix it", location, evidence)


def test_labels_broadcast_in_the_delta_explains_the_gradient_findings() -> None:
    broadcast = _finding("ND206", operation="out - labels", line=31)
    findings = link_causes(
        [_finding("ND100", parameter="W1"), _finding("ND107", parameter="W2"), broadcast]
    )
    assert [f.code for f in findings] == ["ND206"]
    assert findings[0].evidence["explains"] == ["ND100", "ND107"]
    assert "ND100, ND107" in findings[0].message


def test_a_broadcast_only_in_a_printed_log_loss_leaves_gradient_findings_alone() -> None:
    broadcast = _finding("ND206", operation="np.log(out) * labels", line=20)
    findings = link_causes([_finding("ND104", parameter="W2"), broadcast])
    assert sorted(f.code for f in findings) == ["ND104", "ND206"]
    assert "explains" not in next(f for f in findings if f.code == "ND206").evidence
