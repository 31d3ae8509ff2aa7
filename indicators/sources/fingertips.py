"""Reader for the Fingertips CSV export format (OHID public health profiles).

England's ASQ-3 outcomes and health visitor metrics are published this way; the refresh
command downloads such files. Rows for indicators the catalogue does not know are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.catalogue import CATALOGUE
from indicators.errors import SourceFormatError
from indicators.periods import parse_period
from indicators.schema import LEVEL_PREFIXES
from indicators.sources.common import finish, parse_column, read_csv_text, require_columns

COLUMNS = (
    "Indicator ID",
    "Area Code",
    "Area Name",
    "Sex",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
    "Value note",
)
_SEX = {"persons": "all", "male": "boys", "female": "girls"}
_PREFIXES = tuple(p for prefixes in LEVEL_PREFIXES.values() for p in prefixes)


def _breakdown(sex: str, category_type: str, category: str) -> str:
    if category_type.strip():
        return re.sub(r"[^a-z0-9]+", "_", category.strip().lower()).strip("_") or "all"
    return _SEX.get(sex.strip().lower(), re.sub(r"[^a-z0-9]+", "_", sex.strip().lower()))


def read_fingertips_csv(path: str | Path) -> pd.DataFrame:
    """Read a Fingertips CSV export.

    Args:
        path: a file in the documented Fingertips export layout.

    Returns:
        Tidy rows for the catalogue indicators it contains, with published 95% and 99.8% CIs.

    Raises:
        SourceFormatError: a column is missing, a cell cannot be read, or the file holds no
            indicator the catalogue knows.
    """
    raw = read_csv_text(path)
    require_columns(raw, COLUMNS, path=path)
    by_fingertips = {i.fingertips_id: i for i in CATALOGUE.values() if i.fingertips_id}
    ids = pd.to_numeric(raw["Indicator ID"], errors="coerce")
    bad = ids.isna()
    if bad.any():
        line = int(np.flatnonzero(bad.to_numpy())[0]) + 2
        raise SourceFormatError(
            path, f"Indicator ID {raw['Indicator ID'][bad].iloc[0]!r} is not a number", line=line
        )
    raw = raw[ids.isin(list(by_fingertips)) & raw["Area Code"].str[:3].isin(_PREFIXES)]
    if raw.empty:
        raise SourceFormatError(path, "no rows for an indicator in the catalogue")
    value = parse_column(raw, "Value", path=path)
    numbers = {
        column: parse_column(raw, column, path=path)["value"]
        for column in (
            "Lower CI 95.0 limit",
            "Upper CI 95.0 limit",
            "Lower CI 99.8 limit",
            "Upper CI 99.8 limit",
            "Count",
            "Denominator",
        )
    }
    suppressed = raw["Value note"].str.contains("suppress", case=False) & (value["status"] != "ok")
    status = value["status"].where(~suppressed, "suppressed")
    records = []
    for index, row in raw.iterrows():
        indicator = by_fingertips[int(row["Indicator ID"])]
        try:
            period = parse_period(row["Time period"], year_type=indicator.year_type)
        except ValueError as error:
            raise SourceFormatError(path, str(error), line=int(index) + 2) from error
        has95 = pd.notna(numbers["Lower CI 95.0 limit"][index]) and pd.notna(
            numbers["Upper CI 95.0 limit"][index]
        )
        has998 = pd.notna(numbers["Lower CI 99.8 limit"][index]) and pd.notna(
            numbers["Upper CI 99.8 limit"][index]
        )
        records.append(
            {
                "indicator_id": indicator.id,
                "area_code": row["Area Code"].strip(),
                "area_name": row["Area Name"].strip(),
                "breakdown": _breakdown(row["Sex"], row["Category Type"], row["Category"]),
                "period": period.label,
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
                "value": value.loc[index, "value"],
                "status": status[index],
                "symbol": value.loc[index, "symbol"],
                "numerator": numbers["Count"][index],
                "denominator": numbers["Denominator"][index],
                "lower_ci95": numbers["Lower CI 95.0 limit"][index] if has95 else np.nan,
                "upper_ci95": numbers["Upper CI 95.0 limit"][index] if has95 else np.nan,
                "lower_ci998": numbers["Lower CI 99.8 limit"][index] if has998 else np.nan,
                "upper_ci998": numbers["Upper CI 99.8 limit"][index] if has998 else np.nan,
                "ci_method": "published" if has95 or has998 else "",
                "source_id": "fingertips",
                "note": row["Value note"].strip(),
            }
        )
    return finish(pd.DataFrame.from_records(records), origin=path)
