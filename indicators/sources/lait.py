"""Reader for the DfE Local Authority Interactive Tool (LAIT) long file.

LAIT identifies areas by DfE 3-digit LA numbers, not GSS codes, and labels periods by their
*end* year (2022 means 2021/22). Numbers are turned into the GSS code in force at the end of
each period through the DfE/ONS crosswalk, so a predecessor keeps its own code.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from indicators.catalogue import get_indicator
from indicators.errors import SourceFormatError
from indicators.periods import period_from_end_year
from indicators.sources.common import (
    finish,
    parse_column,
    read_csv_text,
    require_columns,
)

#: LAIT measure code -> (indicator id, breakdown).
MEASURES: dict[str, tuple[str, str]] = {
    "FSP_NEW_GOODDEV": ("eyfsp_gld", "all"),
    "FSP_Gooddev_FSM": ("eyfsp_gld", "fsm"),
    "FSP_Gooddev_FSM_Other": ("eyfsp_gld", "non_fsm"),
    "FSP_Gooddev_Without_SENSTATE": ("eyfsp_gld", "sen_support"),
    "FSP_Gooddev_With_SENSTATE": ("eyfsp_gld", "sen_ehcp"),
    "FSP_NEW_COMMS": ("eyfsp_comms_language", "all"),
    "HCP_PHOF": ("asq3_use_in_reviews", "all"),
    "6wksBreast": ("breastfeeding_6_8wk", "all"),
    "ExcessRec": ("ncmp_reception_excess_weight", "all"),
    "InfMort": ("infant_mortality", "all"),
    "Low_Birth_Weight_Babies": ("low_birth_weight_term", "all"),
    "%_2yr_olds": ("funded_early_education_2yo", "all"),
    "%_3&4yr_olds": ("funded_early_education_3_4yo", "all"),
    "FSP_NEW_ALL-ELGS": ("eyfsp_all_elgs", "all"),
    "FSP_NEW_PSE": ("eyfsp_personal_social_emotional", "all"),
    "FSP_NEW_PHY": ("eyfsp_physical", "all"),
    "FSP_NEW_LIT": ("eyfsp_literacy", "all"),
    "FSP_NEW_MATHS": ("eyfsp_mathematics", "all"),
    "FSP_NEW_WORLD": ("eyfsp_understanding_world", "all"),
    "FSP_NEW_ART": ("eyfsp_expressive_arts", "all"),
    "2yr_Ofsted_rating": ("funded_2yo_good_outstanding", "all"),
    "3&4yr_Ofsted_rating": ("funded_3_4yo_good_outstanding", "all"),
    "4yrAbsence": ("absence_age_4", "all"),
    "ChildPov": ("child_poverty_england", "all"),
}
#: Measures only the long file (``dfe_lait_bds_long.parquet``) holds, not the early-years
#: extract: read from the long file, and only these from it.
LONG_FILE_ONLY: frozenset[str] = frozenset({"ChildPov"})
#: LAIT measure code -> first end year read. LAIT also lists the pre-2021 profile's
#: goals under the FSP_NEW_* area codes (2016-2019), a different assessment; only the
#: reformed profile (2021/22 on) is read.
FIRST_END_YEAR: dict[str, int] = {
    code: 2022
    for code in (
        "FSP_NEW_COMMS",
        "FSP_NEW_ALL-ELGS",
        "FSP_NEW_PSE",
        "FSP_NEW_PHY",
        "FSP_NEW_LIT",
        "FSP_NEW_MATHS",
        "FSP_NEW_WORLD",
        "FSP_NEW_ART",
    )
}
_YEAR_TYPES = {
    "Academic Year": "academic",
    "Financial Year": "financial",
    "Calendar Year": "calendar",
}
ENGLAND_NUMBER = "970"
INNER_OUTER_LONDON = frozenset({"987", "988"})


def code_year(period_end: str) -> int:
    """The crosswalk year to use for a period ending on ``period_end`` (ISO date).

    Reorganisations take effect on 1 April, so a period ending before April uses the codes of
    the previous year.
    """
    year, month = int(period_end[:4]), int(period_end[5:7])
    return year if month >= 4 else year - 1


def _read_long_file(path: str | Path) -> pd.DataFrame:
    """The long Parquet file as text cells, like :func:`read_csv_text` gives a CSV (LA numbers
    are stored there as floats: 301.0 is LA 301)."""
    try:
        raw = pd.read_parquet(path)
    except FileNotFoundError as error:
        raise SourceFormatError(path, "file not found") from error
    except (OSError, ValueError) as error:
        raise SourceFormatError(path, f"cannot be read as Parquet: {error}") from error
    require_columns(
        raw, ("Short Desc", "Years", "LA Number", "LA and Regions", "Values"), path=path
    )
    raw = raw[raw["Short Desc"].isin(list(LONG_FILE_ONLY))]
    numbers = raw["LA Number"].map(lambda n: "" if pd.isna(n) else str(int(n)))
    return raw.astype(object).where(raw.notna(), "").astype(str).assign(**{"LA Number": numbers})


def read_lait(
    path: str | Path,
    *,
    la_codes: pd.DataFrame,
    region_codes: Mapping[str, str],
) -> pd.DataFrame:
    """Read the LAIT long CSV (or its early-years extract) for the measures in :data:`MEASURES`.

    Args:
        path: ``dfe_lait_early_years_health_extract.csv`` or a fixture in its layout (every
            measure but :data:`LONG_FILE_ONLY`), or the long file ``dfe_lait_bds_long.parquet``
            (only :data:`LONG_FILE_ONLY`).
        la_codes: crosswalk with columns ``la_number``, ``year``, ``area_code``, ``area_name``
            (see :func:`indicators.geography.read_la_code_crosswalk`).
        region_codes: region name (lower case) -> E12 code, and ``england`` -> E92000001.

    Returns:
        Tidy rows. Rows for areas LAIT lists but the crosswalk has no code for in that year
        (abolished areas kept as empty rows) are dropped only when they hold no value.

    Raises:
        SourceFormatError: a column is missing, a cell cannot be read, the year type disagrees
            with the catalogue, or a value belongs to an area with no known code.
        SchemaError: the result breaks the tidy schema.
    """
    if Path(path).suffix == ".parquet":
        raw = _read_long_file(path)
    else:
        raw = read_csv_text(path)
        require_columns(
            raw, ("Short Desc", "Years", "LA Number", "LA and Regions", "Values"), path=path
        )
        raw = raw[raw["Short Desc"].isin(list(set(MEASURES) - LONG_FILE_ONLY))]
    parsed = parse_column(raw, "Values", path=path)
    crosswalk = {
        (str(row.la_number), int(row.year)): (row.area_code, row.area_name)
        for row in la_codes.itertuples(index=False)
    }
    crosswalk_end = max(year for _, year in crosswalk)
    last_year: dict[str, int] = {}
    first_year: dict[str, int] = {}
    for number, year in crosswalk:
        last_year[number] = max(year, last_year.get(number, year))
        first_year[number] = min(year, first_year.get(number, year))
    records = []
    for index, row in raw.iterrows():
        indicator_id, breakdown = MEASURES[row["Short Desc"]]
        indicator = get_indicator(indicator_id)
        line = int(index) + 2
        if "Year_Type" in raw.columns and row["Year_Type"]:
            stated = _YEAR_TYPES.get(row["Year_Type"])
            if stated != indicator.year_type:
                raise SourceFormatError(
                    path,
                    f"{row['Short Desc']}: year type {row['Year_Type']!r} disagrees with the "
                    f"catalogue ({indicator.year_type})",
                    line=line,
                )
        if not str(row["Years"]).strip().isdigit():
            raise SourceFormatError(path, f"Years {row['Years']!r} is not a year", line=line)
        if int(row["Years"]) < FIRST_END_YEAR.get(row["Short Desc"], 0):
            continue
        period = period_from_end_year(int(row["Years"]), year_type=indicator.year_type)
        number = str(row["LA Number"]).strip()
        name = str(row["LA and Regions"]).strip()
        value, status, symbol = parsed.loc[index]
        note = ""
        if number == ENGLAND_NUMBER:
            code, area_name = region_codes["england"], "England"
        elif name.lower() in region_codes:
            code, area_name = region_codes[name.lower()], name
        elif number in INNER_OUTER_LONDON:
            continue  # not a level this project uses
        else:
            year = code_year(period.end.isoformat())
            found = crosswalk.get((number, year))
            note = ""
            if found is None and number in last_year and year > last_year[number]:
                found = crosswalk.get((number, last_year[number]))
                if last_year[number] < crosswalk_end:  # the area was abolished
                    if status != "ok":
                        continue  # an empty cell for a year after abolition: nothing published
                    note = "Published for an area after its abolition date."
            elif found is None and number in first_year and year < first_year[number]:
                # LAIT gives some figures for a present-day area for years before it existed,
                # recalculated by the publisher; they stay under that area's code, said as such.
                found = crosswalk.get((number, first_year[number]))
                note = (
                    "Published for the present-day area for a period before it was created "
                    "(recalculated by the publisher)."
                )
            if note and status != "ok":
                continue  # an empty cell for a year the area did not exist: nothing published
            if found is None:
                if status == "ok":
                    raise SourceFormatError(
                        path,
                        f"LA number {number} ({name}) has no GSS code for {period.label}",
                        line=line,
                    )
                continue
            code, area_name = found
        records.append(
            {
                "indicator_id": indicator_id,
                "area_code": code,
                "area_name": area_name,
                "breakdown": breakdown,
                "value": value,
                "status": status,
                "symbol": symbol,
                "source_id": "dfe_lait",
                "note": " ".join(
                    filter(
                        None,
                        [note, "'-' in LAIT means missing or suppressed." if symbol == "-" else ""],
                    )
                ),
                "period": period.label,
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
            }
        )
    if not records:
        raise SourceFormatError(path, "no rows for the LAIT measures this project reads")
    return finish(pd.DataFrame.from_records(records), origin=path)


def read_lait_dictionary(path: str | Path) -> pd.DataFrame:
    """Last and next update dates of the LAIT measures this project reads.

    Returns:
        Columns ``indicator_id``, ``breakdown``, ``measure``, ``last_update``, ``next_update``
        (ISO dates; empty where the dictionary gives none).
    """
    raw = read_csv_text(path)
    require_columns(raw, ("Measure_short", "Last Update", "Next Update"), path=path)
    raw = raw[raw["Measure_short"].isin(list(MEASURES))].drop_duplicates("Measure_short")

    def iso(serial: str) -> str:
        # Excel serial day numbers (1900 date system)
        text = str(serial).strip()
        if not text.replace(".", "", 1).isdigit():
            return ""
        return (pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(float(text)))).date().isoformat()

    out = pd.DataFrame(
        {
            "indicator_id": raw["Measure_short"].map(lambda m: MEASURES[m][0]),
            "breakdown": raw["Measure_short"].map(lambda m: MEASURES[m][1]),
            "measure": raw["Measure_short"],
            "last_update": raw["Last Update"].map(iso),
            "next_update": raw["Next Update"].map(iso),
        }
    )
    return out.sort_values(["indicator_id", "breakdown"], ignore_index=True)
