"""Readers for Scottish council-area files: the ScotPHO profiles extract and the PHS-derived
27-30 month review values in the devolved Health Index file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.errors import SourceFormatError
from indicators.periods import parse_period
from indicators.sources.common import (
    finish,
    parse_column,
    read_csv_text,
    require_columns,
    with_period,
)

SCOTPHO_INDICATORS = {"Developmental concerns at 27-30 months": "scot_concern_27_30m_3yr"}
HEALTHINDEX_INDICATORS = {"lives_early_years_development": "scot_concern_27_30m"}


def _scotpho_period(text: str, *, path: str | Path, line: int):
    # e.g. "2020/21 to 2022/23 financial years; 3-year aggregates"
    span = text.split(";", 1)[0].replace("financial years", "").strip()
    try:
        return parse_period(span, year_type="financial")
    except ValueError as error:
        raise SourceFormatError(path, f"period {text!r}: {error}", line=line) from error


def read_scotpho_extract(path: str | Path) -> pd.DataFrame:
    """Read the early-years indicators of the ScotPHO council-area extract.

    Values and 95% confidence intervals are kept as published. ScotPHO's numerator for a
    pooled period is an annual average, so it is recorded in the note rather than as a count.

    Raises:
        SourceFormatError: a column is missing or a cell cannot be read.
    """
    raw = read_csv_text(path)
    require_columns(
        raw,
        (
            "area_code",
            "area_type",
            "area_name",
            "period",
            "indicator",
            "numerator",
            "measure",
            "upper_confidence_interval",
            "lower_confidence_interval",
        ),
        path=path,
    )
    raw = raw[raw["indicator"].isin(list(SCOTPHO_INDICATORS))]
    if raw.empty:
        raise SourceFormatError(path, "none of the expected ScotPHO indicators is present")
    value = parse_column(raw, "measure", path=path)
    lower = parse_column(raw, "lower_confidence_interval", path=path)["value"]
    upper = parse_column(raw, "upper_confidence_interval", path=path)["value"]
    parts = []
    for index, row in raw.iterrows():
        period = _scotpho_period(row["period"], path=path, line=int(index) + 2)
        has_ci = pd.notna(lower[index]) and pd.notna(upper[index])
        parts.append(
            with_period(
                pd.DataFrame(
                    {
                        "indicator_id": [SCOTPHO_INDICATORS[row["indicator"]]],
                        "area_code": [row["area_code"].strip()],
                        "area_name": [row["area_name"].strip()],
                        "value": [value.loc[index, "value"]],
                        "status": [value.loc[index, "status"]],
                        "symbol": [value.loc[index, "symbol"]],
                        "lower_ci95": [lower[index] if has_ci else None],
                        "upper_ci95": [upper[index] if has_ci else None],
                        "ci_method": ["published" if has_ci else ""],
                        "source_id": ["scotpho_profiles"],
                        "note": [
                            f"{row['period']}. Published numerator (annual average): {row['numerator']}."
                        ],
                    }
                ),
                period,
            )
        )
    return finish(pd.concat(parts, ignore_index=True), origin=path)


def read_healthindex_scotland(path: str | Path) -> pd.DataFrame:
    """Read the Scottish 27-30 month review values (2022/23, council areas) from the devolved
    Health Index file. Other indicators in the file are left for later issues.

    Raises:
        SourceFormatError: a column is missing or a cell cannot be read.
    """
    raw = read_csv_text(path)
    require_columns(raw, ("nation", "area_code", "indicator", "value", "year"), path=path)
    raw = raw[raw["indicator"].isin(list(HEALTHINDEX_INDICATORS)) & (raw["nation"] == "Scotland")]
    if raw.empty:
        raise SourceFormatError(path, "no Scottish 27-30 month review rows")
    value = parse_column(raw, "value", path=path)
    parts = []
    for year, group in raw.groupby("year", sort=True):
        period = parse_period(year, year_type="financial")
        parts.append(
            with_period(
                pd.DataFrame(
                    {
                        "indicator_id": group["indicator"].map(HEALTHINDEX_INDICATORS),
                        "area_code": group["area_code"].str.strip(),
                        "area_name": "",
                        "value": value.loc[group.index, "value"],
                        "status": value.loc[group.index, "status"],
                        "symbol": value.loc[group.index, "symbol"],
                        "source_id": "phs_27_30_month_open_data",
                        "derivation": "derived_by_third_party",
                        "note": (
                            "Derived, not an official figure: computed by the British Red Cross "
                            "Health Index from Public Health Scotland open data counts "
                            "(open27mlatotals.csv)."
                        ),
                    }
                ),
                period,
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    frame["area_name"] = frame["area_code"]  # the file has no names; the build sets them
    return finish(frame, origin=path)
