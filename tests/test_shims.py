"""SciPy's expit and friends, where SciPy is not installed: the same numbers, no overflow.

A stand-in that accepted every call would change the network's arithmetic; these must be
the functions themselves, so the check still tests the user's own math.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from netdoctor.discover.shims import expit, log_expit, logit, softmax
from netdoctor.discover.stubs import missing_module_stubs


def test_expit_is_the_sigmoid_at_any_logit_in_the_input_type() -> None:
    z = np.array([-1000.0, -30.0, -1.0, 0.0, 1.0, 30.0, 1000.0])
    with np.errstate(all="raise"):  # no overflow warning, as SciPy's own
        values = expit(z)
        single = expit(z.astype(np.float32))
    assert values.dtype == np.float64 and single.dtype == np.float32
    assert np.allclose(values, 1 / (1 + np.exp(-np.clip(z, -700, 700))), rtol=1e-15)
    assert values[0] == 0.0 and values[-1] == 1.0
    assert isinstance(expit(0.5), float) and expit(0.5) == pytest.approx(0.6224593312018546)


def test_the_other_functions_match_their_definitions() -> None:
    z = np.linspace(-20, 20, 41)
    assert np.allclose(log_expit(z), np.log(expit(z)))
    assert np.allclose(logit(expit(z)), z, atol=1e-6)
    rows = softmax(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]), axis=1)
    assert np.allclose(rows.sum(axis=1), 1.0) and np.allclose(rows[1], 1 / 3)


def test_only_scipy_special_is_provided() -> None:
    if importlib.util.find_spec("scipy") is not None:
        pytest.skip("SciPy is installed here: a file gets SciPy's own functions")
    with missing_module_stubs() as stubbed:
        namespace: dict[str, object] = {}
        exec("from scipy.special import expit", namespace)
        assert namespace["expit"] is expit
        with pytest.raises(ImportError):
            exec("from scipy.optimize import minimize", {})
    assert stubbed == ["scipy.special"]
