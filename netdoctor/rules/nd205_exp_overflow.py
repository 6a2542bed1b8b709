"""ND205 exp-overflow: 1/(1+exp(-x)) overflows for large negative x."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Runs your code with floating-point overflow raised at output logits of +-100, which "
        "training reaches; warns when exp overflows. float64 only overflows past 709, so float64 "
        "code is not flagged; float32 overflows from 88.7."
    ),
    "why it breaks training": (
        "exp(-z) = inf gives sigmoid 0 with a warning, but the next inf - inf or 0 * inf is NaN "
        "and the weights follow."
    ),
    "example": "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))   # float32 z = -100",
    "use instead": (
        "0.5 * (1 + np.tanh(0.5 * z)): the same function, but tanh saturates at +-1 where exp "
        "overflows, so it raises nothing at any z, in float32 or float64. Or "
        "scipy.special.expit. Not np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / "
        "(1 + np.exp(z))): np.where evaluates both branches, so one of them still overflows."
    ),
    "references": "NumPy docs, 'Floating point error handling' (numpy.errstate).",
}
# The form in backticks is the one tests/test_fixes.py runs at z = +-1000 with every
# floating-point error raised: np.where of two exp branches overflows in the branch it
# discards, and exp(-|z|) underflows, so neither would pass.
FIX = (
    "Use a sigmoid that cannot overflow: `0.5 * (1 + np.tanh(0.5 * z))` (the same function; "
    "tanh saturates at +-1 instead of overflowing), or scipy.special.expit."
)


@rule(
    code="ND205",
    name="exp-overflow",
    summary="1/(1+exp(-x)) overflows for large negative x",
    severity="warning",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    found = evidence.probes.exp_overflow
    if found is None:
        return []
    return [
        check.finding(
            f"`{found.text}` in `{found.function}` overflows at an output logit of "
            f"-{found.logit:g}, which training reaches: exp overflows from 88.7 on in float32 "
            "(709 in float64). The sigmoid is still 0 but numpy warns, and any later inf - inf "
            "or 0 * inf becomes NaN.",
            {"function": found.function, "logit": found.logit},
            line=found.line,
        )
    ]
