"""ND106 scale: gradient is c times the truth (sum vs mean is a convention)."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding, Location
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Fits the best scalar c with your gradient = c x the summed true gradient. One c "
        "shared by every gradient is a convention, reported as info: c = 1 (sum over samples), "
        "c = 1/m (mean), c = 0.5 or 0.5/m (squared error without its factor 2): it acts as a "
        "learning rate c times yours. Different factors in different parameters (mean for "
        "some, sum for others, a stray 2 in one) are an error, and so is 1/m of the mean "
        "(times 1, 0.5 or 2) in every gradient a function returns: averaged twice."
    ),
    "why it breaks training": (
        "Different scales in different parameters are different learning rates per layer: one "
        "layer barely moves while another overshoots. A consistent mean only rescales the "
        "learning rate."
    ),
    "example": "dW2 = A1.T @ dZ2 / m   but   dW1 = X.T @ dZ1   # mean for one, sum for the other",
    "use instead": "Divide every gradient by m, or none of them; tune the learning rate to match.",
    "references": "CS231n notes, 'Gradient checks'; the classic exercise (summed gradients).",
}
FIX = "Divide every gradient by m, or none of them."


@rule(
    code="ND106",
    name="scale",
    summary="gradient is c times the truth (sum vs mean is a convention)",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    """One factor shared by every gradient is a convention (info); a stray factor in some
    parameters, or sum in some and mean in others, is an error. With other gradients wrong,
    the right ones still tell the reduction (all averaged: info)."""
    gradients = evidence.gradients
    m, location = gradients.m, gradients.location
    shared = gradients.shared_factor()
    if shared is None:  # the right ones share one factor while another is wrong otherwise
        shared = gradients.factor_the_right_share()
    if shared is not None:
        twice = (
            _divided_twice(shared, m, gradients.precision, location) if gradients.returned else None
        )
        if twice is not None:
            return [twice]
        return _shared(shared, m, gradients.precision, location)
    findings = [
        check.finding(
            f"the gradient of {v.name} is {v.scale:.4g} times the true (summed) gradient, "
            f"which is neither the sum (1) nor the mean (1/{m}).",
            {"parameter": v.name, "scale": v.scale, "m": m},
            fix="Look for a stray factor (2, 0.5, m) in this gradient; every parameter should "
            "use the same reduction.",
            location=location,
        )
        for v in gradients.of_kind("scaled")
    ]
    reductions = gradients.reductions()
    if m > 1 and set(reductions.values()) == {"mean"}:
        findings += _shared(1.0 / m, m, gradients.precision, location)
    elif m > 1 and set(reductions.values()) == {"sum", "mean"}:
        means = sorted(n for n, k in reductions.items() if k == "mean")
        sums = sorted(n for n, k in reductions.items() if k == "sum")
        findings.append(
            check.finding(
                f"mixed reductions: {', '.join(means)} averaged over the {m} samples but "
                f"{', '.join(sums)} summed. Those parameters learn at rates {m}x apart.",
                {"mean": means, "sum": sums, "m": m},
                location=location,
            )
        )
    return findings


def _divided_twice(
    factor: float, m: int, precision: float, location: Location | None
) -> Finding | None:
    """Every returned gradient 1/m times the mean (or the mean of squared error without
    its 2, or with it): averaged twice (`dAL = ... / m` and `dW = 1 / m * dZ @ A.T`), a
    learning rate m times smaller than the user's. Not a convention: neither the sum nor
    the mean of the loss the user computes. Only for gradients a function returned, where
    no optimizer's factor (momentum's 1 - beta) can be in them, and only when the factor
    is none of the conventions' (m = 2 makes 1/m^2 the mean of a halved squared error)."""
    if m < 4:
        return None
    for half in (1.0, 0.5, 2.0):
        if abs(factor - half / m) <= precision * factor or abs(factor - half) <= precision:
            return None  # a convention
    for half in (1.0, 0.5, 2.0):
        if abs(factor * m * m - half) <= precision * half:
            return check.finding(
                f"every gradient is {factor:.4g} times the true (summed) one: 1/{m} of the mean "
                f"over the {m} samples, as if averaged twice (divided by m in the output delta "
                "and again in each gradient). The learning rate you set is in effect "
                f"{m} times smaller.",
                {"reduction": "mean twice", "factor": factor, "m": m},
                fix="Divide by m once: either in the output delta (dZ = (A - Y) / m) or in "
                "each gradient (dW = dZ.T @ A / m), not both.",
                location=location,
            )
    return None


def _shared(factor: float, m: int, precision: float, location: Location | None) -> list[Finding]:
    if abs(factor - 1.0) <= precision:
        return []
    if m > 1 and abs(factor - 1.0 / m) <= precision / m:
        return [
            check.finding(
                f"your gradients are the mean over the {m} samples (1/m times the summed "
                "gradient). That is a convention, not a bug: the learning rate absorbs it.",
                {"reduction": "mean", "m": m},
                severity="info",
                fix="Nothing to fix. The classic exercise asks for summed gradients; divide by "
                "m in the update instead if you need to match it.",
                location=location,
            )
        ]
    of_mean = factor * m
    reading = (
        f" ({of_mean:.4g} x the mean over the {m} samples)"
        if m > 1 and abs(of_mean - round(of_mean)) > precision * of_mean
        else ""
    )
    return [
        check.finding(
            f"every gradient is {factor:.4g} times the true (summed) one{reading}: the same "
            f"as a learning rate {factor:.4g} times yours. One factor shared by every "
            "parameter is a convention (squared error without its 2, or with 1/2), not a bug.",
            {"reduction": "shared factor", "factor": factor, "m": m},
            severity="info",
            fix="Nothing to fix. To match the textbook gradient, scale every gradient (or the "
            "learning rate) by the same factor.",
            location=location,
        )
    ]
