"""ND311 non-finite-data: NaN or inf in the inputs or the targets."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Counts NaN and inf entries in the inputs and the targets your network is trained on "
        "(a missing measurement read as NaN, a division by zero while scaling a column)."
    ),
    "why it breaks training": (
        "One NaN input makes that sample's output NaN, the summed gradient NaN, and after the "
        "first update every weight NaN: the loss prints nan from the first epoch and no "
        "learning rate or initialisation changes it. Every comparison with NaN is false, so "
        "checks that look for 'too large' values see nothing wrong."
    ),
    "example": "X = np.array([[1.2, 0.4], [0.3, np.nan], [0.9, 1.1]])   # a missing value",
    "use instead": (
        "Drop or fill the missing entries before training: X = X[np.isfinite(X).all(axis=1)] "
        "(with the same rows of y), or X = np.nan_to_num(X, nan=column_mean); check with "
        "assert np.isfinite(X).all()."
    ),
    "references": "NumPy docs, 'numpy.isfinite' and 'numpy.nan_to_num'.",
}
FIX = (
    "Remove or fill the NaN and inf entries before training (np.isfinite finds them), and "
    "keep the same rows of X and y."
)


@rule(
    code="ND311",
    name="non-finite-data",
    summary="NaN or inf in the inputs or the targets",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    probes = evidence.probes
    findings = []
    if probes.non_finite_inputs:
        findings.append(
            check.finding(
                f"{probes.non_finite_inputs} input value(s) are NaN or inf: every output, "
                "gradient and weight they touch becomes NaN, and training cannot recover.",
                {"where": "inputs", "count": probes.non_finite_inputs},
                line=probes.inputs_line,
            )
        )
    if probes.non_finite_targets:
        line = probes.targets.line if probes.targets is not None else None
        findings.append(
            check.finding(
                f"{probes.non_finite_targets} target value(s) are NaN or inf: the loss and "
                "every gradient become NaN from the first step.",
                {"where": "targets", "count": probes.non_finite_targets},
                line=line,
            )
        )
    return findings
