"""Reader for the devolved nations' local indicators in the British Red Cross Health Index file
(``nations/healthindex_devolved_child_indicators_by_la.csv``): Wales' unitary authorities,
Northern Ireland's council areas (and, for two measures, its five HSC trusts) and Scotland's
council areas.

The Scottish 27-30 month review values in the same file are read by
:func:`indicators.sources.scotland.read_healthindex_scotland`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from indicators.errors import SourceFormatError
from indicators.periods import Period
from indicators.sources.common import finish, parse_column, read_csv_text, require_columns

_FY = "financial"


@dataclass(frozen=True)
class DevolvedMeasure:
    """How one (nation, compiler indicator) of the file becomes a tidy indicator."""

    indicator_id: str
    period: Period
    derivation: str
    source_id: str
    note: str
    #: Multiply the file's value by this (NI vaccine coverage is a 0-1 proportion).
    scale: float = 1.0
    #: The compiler repeated one trust value on every council of the trust: store per trust.
    per_trust: bool = False


def _year(label: str, first: int, last: int | None = None) -> Period:
    return Period(label, date(first, 1, 1), date(last or first, 12, 31))


def _financial(label: str, first: int, last: int | None = None) -> Period:
    return Period(label, date(first, 4, 1), date((last or first) + 1, 3, 31))


_DERIVED = "derived_by_third_party"
#: (nation, compiler indicator) -> measure. Rows not listed here are left out.
DEVOLVED_MEASURES: dict[tuple[str, str], DevolvedMeasure] = {
    ("Wales", "lives_child_vaccination_coverage"): DevolvedMeasure(
        "wales_immunised_by_4",
        _financial("2023/24", 2023),
        _DERIVED,
        "statswales_via_brc",
        "Derived, not an official figure: the British Red Cross Health Index combined "
        "StatsWales HLTH1257's Flying Start and non-Flying Start area figures (file year "
        "'2023-24').",
    ),
    ("Wales", "lives_low_birth_weight"): DevolvedMeasure(
        "wales_low_birth_weight",
        _year("2023", 2023),
        _DERIVED,
        "statswales_via_brc",
        "Derived, not an official figure: percentage computed by the British Red Cross Health "
        "Index from NCCHD counts published on StatsWales.",
    ),
    ("Wales", "lives_overweight_obesity_children"): DevolvedMeasure(
        "wales_overweight_4_5",
        _financial("2022/23", 2022),
        _DERIVED,
        "statswales_via_brc",
        "Derived, not an official figure: the British Red Cross Health Index combined "
        "StatsWales HLTH1259's Flying Start and non-Flying Start area figures.",
    ),
    ("Wales", "places_child_poverty"): DevolvedMeasure(
        "wales_child_poverty",
        _financial("2021/22", 2021),
        "published",
        "dwp_cilif_via_brc",
        "DWP Children in low income families, as taken by the British Red Cross Health Index "
        "(file year '2022', read as the financial year ending 2022).",
    ),
    ("Northern Ireland", "lives_child_vaccine_coverage"): DevolvedMeasure(
        "ni_vaccine_coverage_trust",
        _financial("2022/23", 2022),
        _DERIVED,
        "pha_ni_via_brc",
        "Derived, not an official figure: an average of several vaccines' uptake computed by the "
        "British Red Cross Health Index from the PHA Director of Public Health core tables; a "
        "trust value (the file repeats it for each council of the trust).",
        scale=100.0,
        per_trust=True,
    ),
    ("Northern Ireland", "lives_low_birth_weight"): DevolvedMeasure(
        "ni_low_birth_weight",
        _financial("2022/23", 2022),
        "published",
        "pha_ni_via_brc",
        "PHA 'Children's health in Northern Ireland' data tables, as taken by the British Red "
        "Cross Health Index.",
    ),
    ("Northern Ireland", "lives_childhood_overweight_obesity"): DevolvedMeasure(
        "ni_overweight_school",
        _financial("2022/23", 2022),
        _DERIVED,
        "nisra_via_brc",
        "Derived, not an official figure: values ending in .x5 are averages of two published "
        "NISRA CHILDBMILGD figures, computed by the British Red Cross Health Index.",
    ),
    ("Northern Ireland", "people_infant_mortality"): DevolvedMeasure(
        "ni_infant_mortality_trust",
        _year("2018 to 2022", 2018, 2022),
        "published",
        "nisra_via_brc",
        "NISRA INFANTMRHSCT (5-year rate by HSC trust), as taken by the British Red Cross Health "
        "Index; a trust value (the file repeats it for each council of the trust).",
        per_trust=True,
    ),
    ("Northern Ireland", "places_child_poverty"): DevolvedMeasure(
        "ni_child_poverty",
        _year("2017", 2017),
        "published",
        "nisra_via_brc",
        "NISRA Northern Ireland Multiple Deprivation Measure 2017, as taken by the British Red "
        "Cross Health Index.",
    ),
    ("Scotland", "lives_child_vaccine_coverage"): DevolvedMeasure(
        "scot_vaccine_coverage",
        _year("2023", 2023),
        _DERIVED,
        "phs_via_brc",
        "Derived, not an official figure: the British Red Cross Health Index averaged PHS "
        "uptake rates of several vaccines at 12 months, 24 months, 5 years and 6 years "
        "(PHS child_imms_latestrates_quarter_224_la.xlsx; file year '2023').",
    ),
    ("Scotland", "lives_low_birth_weight"): DevolvedMeasure(
        "scot_not_healthy_birthweight",
        _financial("2020/21 to 2022/23", 2020, 2022),
        _DERIVED,
        "phs_via_brc",
        "Derived, not an official figure: 100 minus ScotPHO's % of healthy birth weight "
        "(2020/21 to 2022/23 financial years; the file labels it '2020-2022'), computed by the "
        "British Red Cross Health Index (file column not_healthy_birth_rate_percentage). Not "
        "low birth weight.",
    ),
    ("Scotland", "lives_overweight_obesity_children"): DevolvedMeasure(
        "scot_p1_overweight",
        _financial("2022/23", 2022),
        _DERIVED,
        "phs_via_brc",
        "Derived, not an official figure: computed by the British Red Cross Health Index from "
        "PHS Primary 1 body mass index statistics.",
    ),
    ("Scotland", "people_infant_mortality"): DevolvedMeasure(
        "scot_infant_mortality",
        _year("2017 to 2021", 2017, 2021),
        "published",
        "phs_via_brc",
        "Infant deaths per 1,000 live births, 5-year rate, as taken by the British Red Cross "
        "Health Index.",
    ),
    ("Scotland", "places_child_poverty"): DevolvedMeasure(
        "scot_child_poverty",
        _financial("2022/23", 2022),
        "published",
        "dwp_cilif_via_brc",
        "DWP Children in low income families, FYE 2023 (provisional), as taken by the British "
        "Red Cross Health Index.",
    ),
}


def read_ni_trust_lookup(path: str | Path) -> dict[str, str]:
    """NI council (LGD, N09) code -> HSC trust code, from the geographr lookup.

    Raises:
        SourceFormatError: a column is missing.
    """
    raw = read_csv_text(path)
    require_columns(raw, ("ltla21_code", "trust18_code"), path=path)
    return dict(zip(raw["ltla21_code"].str.strip(), raw["trust18_code"].str.strip(), strict=True))


def _one_per_trust(
    group: pd.DataFrame, values: pd.Series, *, trust_of: dict[str, str], path: str | Path
) -> list[tuple[str, float, int]]:
    """(trust code, value, first row index) for each trust; every council must agree."""
    out = []
    trusts = group["area_code"].str.strip().map(trust_of)
    if trusts.isna().any():
        unknown = group.loc[trusts.isna(), "area_code"].iloc[0]
        raise SourceFormatError(path, f"council {unknown!r} is not in the NI trust lookup")
    for trust, rows in group.groupby(trusts, sort=True):
        distinct = values[rows.index].round(9).unique()
        if len(distinct) != 1:
            raise SourceFormatError(
                path,
                f"{rows['indicator'].iloc[0]}: councils of trust {trust} disagree ({distinct})",
                line=int(rows.index[0]) + 2,
            )
        out.append((str(trust), float(values[rows.index[0]]), int(rows.index[0])))
    return out


def read_healthindex_devolved(path: str | Path, *, trust_of: dict[str, str]) -> pd.DataFrame:
    """Read the Welsh, Northern Irish and Scottish local indicators of the Health Index file.

    Northern Ireland's vaccine coverage and infant mortality are trust figures that the file
    repeats on each council; they are stored once per HSC trust (``trust_of`` maps council to
    trust), never as council figures.

    Raises:
        SourceFormatError: a column is missing, a cell cannot be read, or councils of one trust
            disagree on a trust value.
    """
    raw = read_csv_text(path)
    require_columns(raw, ("nation", "area_code", "indicator", "value", "year"), path=path)
    keys = list(zip(raw["nation"].str.strip(), raw["indicator"].str.strip(), strict=True))
    raw = raw[[key in DEVOLVED_MEASURES for key in keys]]
    if raw.empty:
        raise SourceFormatError(path, "none of the expected devolved indicators is present")
    parsed = parse_column(raw, "value", path=path)
    records = []
    for (nation, name), group in raw.groupby(["nation", "indicator"], sort=True):
        measure = DEVOLVED_MEASURES[(nation.strip(), name.strip())]
        values = parsed.loc[group.index, "value"] * measure.scale
        if measure.per_trust:
            rows = [
                (code, value, parsed.loc[index, "status"], parsed.loc[index, "symbol"])
                for code, value, index in _one_per_trust(
                    group, values, trust_of=trust_of, path=path
                )
            ]
        else:
            rows = [
                (
                    group.loc[index, "area_code"].strip(),
                    values[index],
                    parsed.loc[index, "status"],
                    parsed.loc[index, "symbol"],
                )
                for index in group.index
            ]
        for code, value, status, symbol in rows:
            records.append(
                {
                    "indicator_id": measure.indicator_id,
                    "area_code": code,
                    "area_name": code,  # no names in the file; the build sets them
                    "period": measure.period.label,
                    "period_start": measure.period.start.isoformat(),
                    "period_end": measure.period.end.isoformat(),
                    "value": value,
                    "status": status,
                    "symbol": symbol,
                    "derivation": measure.derivation,
                    "source_id": measure.source_id,
                    "note": measure.note,
                }
            )
    return finish(pd.DataFrame.from_records(records), origin=path)
