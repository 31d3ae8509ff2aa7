"""Readers for DfE Early Years Foundation Stage Profile files (Explore Education Statistics)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.periods import parse_period
from indicators.sources.common import (
    finish,
    parse_column,
    read_csv_text,
    require_columns,
    with_period,
)

_GENDER = {"Total": "all", "Girls": "girls", "Boys": "boys"}


def _area_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Area code and name by geographic level (DfE EES layout)."""
    level = frame["geographic_level"].str.strip().str.lower()
    code = frame["new_la_code"].where(level == "local authority", frame["region_code"])
    code = code.where(level != "national", frame["country_code"])
    name = frame["la_name"].where(level == "local authority", frame["region_name"])
    name = name.where(level != "national", frame["country_name"])
    return pd.DataFrame({"area_code": code.str.strip(), "area_name": name.str.strip()})


LONDON = "E12000007"
INNER_OUTER_LONDON = ("E13000001", "E13000002")


def london_from_inner_outer(rows: pd.DataFrame) -> pd.DataFrame:
    """London rows summed from the Inner and Outer London counts, where London is not published.

    The old-framework file gives London only as Inner and Outer London. Their counts add up to
    London (every London borough is in exactly one); the method reproduces LAIT's published
    London GLD for 2015/16 to 2018/19 to one decimal place.
    """
    parts = rows[rows["area_code"].isin(INNER_OUTER_LONDON) & (rows["status"] == "ok")]
    published = set(
        zip(
            rows.loc[rows["area_code"] == LONDON, "period_raw"],
            rows.loc[rows["area_code"] == LONDON, "breakdown"],
            strict=True,
        )
    )
    records = []
    for (period, breakdown), group in parts.groupby(["period_raw", "breakdown"], sort=True):
        complete = group["numerator"].notna().all() and group["denominator"].notna().all()
        if (period, breakdown) in published or len(group) != 2 or not complete:
            continue
        numerator, denominator = group["numerator"].sum(), group["denominator"].sum()
        first = group.iloc[0]
        records.append(
            {
                **first.to_dict(),
                "area_code": LONDON,
                "area_name": "London",
                "value": 100.0 * numerator / denominator,
                "numerator": numerator,
                "denominator": denominator,
                "symbol": "",
                "derivation": "computed_from_counts",
                "note": (
                    "Sum of the published Inner London and Outer London counts (the file gives "
                    "London only in these two parts)."
                ),
            }
        )
    return pd.DataFrame.from_records(records, columns=[*rows.columns, "derivation", "note"])


def _tidy(
    frame: pd.DataFrame,
    *,
    path: str | Path,
    percent: str,
    numerator: str,
    denominator: str,
    breakdown: pd.Series,
    source_id: str,
) -> pd.DataFrame:
    areas = _area_columns(frame)
    value = parse_column(frame, percent, path=path)
    counts_num = parse_column(frame, numerator, path=path)["value"]
    counts_den = parse_column(frame, denominator, path=path)["value"]
    rows = pd.DataFrame(
        {
            "indicator_id": "eyfsp_gld",
            "area_code": areas["area_code"],
            "area_name": areas["area_name"],
            "breakdown": breakdown,
            "value": value["value"],
            "status": value["status"],
            "symbol": value["symbol"],
            # Counts are kept only beside a published percentage.
            "numerator": counts_num.where(value["status"] == "ok"),
            "denominator": counts_den.where(value["status"] == "ok"),
            "source_id": source_id,
            "period_raw": frame["time_period"],
        },
        index=frame.index,
    )
    rows = pd.concat([rows, london_from_inner_outer(rows)], ignore_index=True)
    # Inner and Outer London (E13) are not a level this project maps or compares.
    rows = rows[~rows["area_code"].str.startswith("E13")]
    parts = [
        with_period(group.drop(columns="period_raw"), parse_period(raw, year_type="academic"))
        for raw, group in rows.groupby("period_raw", sort=True)
    ]
    return pd.concat(parts, ignore_index=True)


def read_eyfsp_2013_2019(path: str | Path) -> pd.DataFrame:
    """Read the old-framework EYFSP file (2012/13-2018/19, counts by gender).

    Args:
        path: ``dfe_eyfsp_la_gld_2013_2019.csv`` or a fixture in its layout.

    Returns:
        Tidy rows of ``eyfsp_gld`` for England, regions and local authorities, by gender.

    Raises:
        SourceFormatError: a column is missing or a cell cannot be read.
        SchemaError: the result breaks the tidy schema.
    """
    raw = read_csv_text(path)
    require_columns(
        raw,
        (
            "time_period",
            "geographic_level",
            "country_code",
            "region_code",
            "new_la_code",
            "la_name",
            "gender",
            "number_of_children",
            "gld_number",
            "gld_percent",
        ),
        path=path,
    )
    raw = raw[raw["gender"].isin(list(_GENDER))]
    tidy = _tidy(
        raw,
        path=path,
        percent="gld_percent",
        numerator="gld_number",
        denominator="number_of_children",
        breakdown=raw["gender"].map(_GENDER),
        source_id="dfe_eyfsp_2013_2019",
    )
    return finish(tidy, origin=path)


def read_eyfsp_headline_2021_22(path: str | Path) -> pd.DataFrame:
    """Read the reformed-profile EYFSP headline measures file (2021/22).

    Keeps the all-pupil rows by gender at national, regional and local-authority level. The
    free-school-meal split is taken from LAIT for every year instead: LAIT's "all other pupils"
    is not the same group as this file's "not known to be eligible", so mixing the two would
    break the series.

    Raises:
        SourceFormatError: a column is missing or a cell cannot be read.
        SchemaError: the result breaks the tidy schema.
    """
    raw = read_csv_text(path)
    require_columns(
        raw,
        (
            "time_period",
            "geographic_level",
            "country_code",
            "region_code",
            "new_la_code",
            "la_name",
            "characteristic_type",
            "gender",
            "children_number",
            "gld_number",
            "gld_percentage",
        ),
        path=path,
    )
    level = raw["geographic_level"].str.strip().str.lower()
    raw = raw[
        level.isin(["national", "regional", "local authority"])
        & (raw["characteristic_type"] == "Total")
        & raw["gender"].isin(list(_GENDER))
    ]
    breakdown = raw["gender"].map(_GENDER)
    tidy = _tidy(
        raw,
        path=path,
        percent="gld_percentage",
        numerator="gld_number",
        denominator="children_number",
        breakdown=breakdown,
        source_id="dfe_eyfsp_2021_22",
    )
    return finish(tidy, origin=path)
