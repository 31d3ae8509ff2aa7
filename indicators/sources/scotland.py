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


#: Fields of PHS's 27-30 month review council-area totals (open data resource
#: ``018ba0e1-…``, file ``open27mlatotals.csv``) that the refresh needs.
PHS_27_30_FIELDS = ("CA", "FinancialYear", "NumberOfReviews", "ConcernAny")


def read_phs_27_30_month_totals(path: str | Path) -> pd.DataFrame:
    """Read PHS's 27-30 month review council-area totals as downloaded by the refresh command.

    The % with a concern is computed from the published counts (concerns ÷ reviews), as the
    publication defines it from 2021.

    Raises:
        SourceFormatError: a field is missing, a count cannot be read or a year is unknown.
    """
    raw = read_csv_text(path)
    require_columns(raw, PHS_27_30_FIELDS, path=path)
    raw = raw[raw["CA"].str.strip().str[:3].isin(["S12", "S92"])]
    if raw.empty:
        raise SourceFormatError(path, "no council-area (S12) or Scotland (S92) rows in field CA")
    concerns = parse_column(raw, "ConcernAny", path=path)
    reviews = parse_column(raw, "NumberOfReviews", path=path)
    records = []
    for index, row in raw.iterrows():
        try:
            period = parse_period(row["FinancialYear"], year_type="financial")
        except ValueError as error:
            raise SourceFormatError(path, f"FinancialYear: {error}", line=int(index) + 2) from error
        numerator, denominator = concerns.loc[index, "value"], reviews.loc[index, "value"]
        counted = pd.notna(numerator) and pd.notna(denominator) and denominator > 0
        missing = next(
            (
                (parsed.loc[index, "status"], parsed.loc[index, "symbol"])
                for parsed in (concerns, reviews)
                if parsed.loc[index, "status"] != "ok"
            ),
            ("not_available", ""),
        )
        records.append(
            {
                "indicator_id": "scot_concern_27_30m",
                "area_code": row["CA"].strip(),
                "area_name": row["CA"].strip(),  # no names in the file; the build sets them
                "period": period.label,
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
                "value": 100.0 * numerator / denominator if counted else float("nan"),
                "numerator": numerator if counted else float("nan"),
                "denominator": denominator if counted else float("nan"),
                "status": "ok" if counted else missing[0],
                "symbol": "" if counted else missing[1],
                "derivation": "computed_from_counts" if counted else "published",
                "source_id": "phs_open_data_api",
                "note": "Children with a concern in any domain ÷ reviews, from PHS open data counts.",
            }
        )
    return finish(pd.DataFrame.from_records(records), origin=path)
