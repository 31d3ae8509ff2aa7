import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest

from indicators.schema import conform
from indicators.stats import Z_95, Z_998, add_wilson_intervals, wilson_interval


@pytest.mark.parametrize(
    "k,n", [(0, 10), (1, 10), (5, 10), (10, 10), (3, 7), (458847, 638995), (999, 1000), (1, 1)]
)
@pytest.mark.parametrize("level,z", [(0.95, Z_95), (0.998, Z_998)])
def test_wilson_matches_scipy(k, n, level, z):
    lower, upper = wilson_interval(k, n, z=z)
    reference = binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
    assert float(lower) == pytest.approx(reference.low * 100, abs=1e-9)
    assert float(upper) == pytest.approx(reference.high * 100, abs=1e-9)


def test_wilson_vectorised_and_invalid_inputs_give_nan():
    lower, upper = wilson_interval(np.array([1, 5, np.nan, 3]), np.array([10, 0, 10, 2]))
    assert np.isfinite(lower[0]) and np.isfinite(upper[0])
    assert np.isnan(lower[1:]).all() and np.isnan(upper[1:]).all()  # n=0, missing k, k>n


def test_add_wilson_keeps_published_intervals_and_skips_rows_without_counts():
    frame = conform(
        pd.DataFrame(
            {
                "value": [50.0, 40.0, 30.0],
                "numerator": [50.0, 40.0, np.nan],
                "denominator": [100.0, 100.0, np.nan],
                "lower_ci95": [np.nan, 35.0, np.nan],
                "upper_ci95": [np.nan, 45.0, np.nan],
                "ci_method": ["", "published", ""],
            }
        )
    )
    out = add_wilson_intervals(frame)
    reference = binomtest(50, 100).proportion_ci(method="wilson")
    assert out.loc[0, "lower_ci95"] == pytest.approx(reference.low * 100)
    assert out.loc[0, "ci_method"] == "wilson"
    assert out.loc[0, "lower_ci998"] < out.loc[0, "lower_ci95"]
    assert (out.loc[1, "lower_ci95"], out.loc[1, "ci_method"]) == (35.0, "published")
    assert np.isnan(out.loc[2, "lower_ci95"]) and out.loc[2, "ci_method"] == ""
