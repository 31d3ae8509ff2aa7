"""Confidence intervals for proportions."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Two-sided standard normal quantiles, written out so the module needs no scipy at run time.
Z_95 = 1.959963984540054
Z_998 = 3.090232306167813


def wilson_interval(
    numerator: np.ndarray | pd.Series | float,
    denominator: np.ndarray | pd.Series | float,
    *,
    z: float = Z_95,
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion, as a percentage.

    The same method as Fingertips and ``scipy.stats.binomtest(...).proportion_ci("wilson")``.

    Args:
        numerator: count of events (may be an array).
        denominator: count of trials (same shape). Zero or missing gives NaN bounds.
        z: the normal quantile (``Z_95`` or ``Z_998``).

    Returns:
        Lower and upper bounds, in percent (0-100).
    """
    k = np.asarray(numerator, dtype=float)
    n = np.asarray(denominator, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        valid = (n > 0) & (k >= 0) & (k <= n)
        n_safe = np.where(valid, n, 1.0)
        p = np.where(valid, k, 0.0) / n_safe
        z2 = z * z
        centre = (p + z2 / (2 * n_safe)) / (1 + z2 / n_safe)
        half = (z / (1 + z2 / n_safe)) * np.sqrt(p * (1 - p) / n_safe + z2 / (4 * n_safe**2))
    lower = np.where(valid, np.clip(centre - half, 0.0, 1.0) * 100, np.nan)
    upper = np.where(valid, np.clip(centre + half, 0.0, 1.0) * 100, np.nan)
    return lower, upper


def add_wilson_intervals(frame: pd.DataFrame) -> pd.DataFrame:
    """Fill the 95% and 99.8% CI columns from numerator and denominator where both exist.

    Rows that already carry a published interval keep it; rows without counts are left alone.

    Args:
        frame: a tidy indicator frame.

    Returns:
        A new frame with ``lower_ci95 … upper_ci998`` and ``ci_method`` filled in.
    """
    out = frame.copy()
    has_counts = out["numerator"].notna() & out["denominator"].notna() & out["value"].notna()
    needs = has_counts & out["lower_ci95"].isna()
    for suffix, z in (("95", Z_95), ("998", Z_998)):
        lower, upper = wilson_interval(
            out.loc[needs, "numerator"], out.loc[needs, "denominator"], z=z
        )
        out.loc[needs, f"lower_ci{suffix}"] = lower
        out.loc[needs, f"upper_ci{suffix}"] = upper
    out.loc[needs, "ci_method"] = "wilson"
    return out
