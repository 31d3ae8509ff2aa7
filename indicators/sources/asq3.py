"""Reader for OHID ASQ-3 outcomes at 2-2½ years, 2021/22 quarterly counts (Nesta layout)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.errors import SourceFormatError
from indicators.periods import parse_period
from indicators.schema import add_flag
from indicators.sources.common import finish, parse_cell, read_csv_text, require_columns

#: Column stem in the file -> catalogue indicator id.
DOMAINS: dict[str, str] = {
    "overall": "asq3_all_domains",
    "comms": "asq3_communication",
    "gms": "asq3_gross_motor",
    "fms": "asq3_fine_motor",
    "problem_solving": "asq3_problem_solving",
    "personal_social": "asq3_personal_social",
}
QUARTERS: dict[str, int] = {
    "April 2021 - June 2021": 1,
    "July 2021 - September 2021": 2,
    "October 2021 - December 2021": 3,
    "January 2022 - March 2022": 4,
}
YEAR = "2021/22"
DOMAIN_NAMES: dict[str, str] = {
    "comms": "communication",
    "gms": "gross motor",
    "fms": "fine motor",
    "problem_solving": "problem solving",
    "personal_social": "personal-social",
}


#: Areas the file publishes under one code for two councils (code -> every council's code).
COMBINED_AREAS: dict[str, tuple[str, ...]] = {
    "E09000012": ("E09000012", "E09000001"),  # Hackney and City of London
    "E06000052": ("E06000052", "E06000053"),  # Cornwall and Isles of Scilly
}
#: A quarter with fewer children than this share of the area's median quarter is implausible.
SMALL_QUARTER_SHARE = 0.25
SOURCE_ID = "ohid_asq3_2021_22"


def _number(text: str, *, path: str | Path, line: int, column: str) -> tuple[float, str]:
    value, status, symbol = parse_cell(text, path=path, line=line, column=column)
    return (value, "") if status == "ok" else (np.nan, "DK" if symbol.lower() == "dk" else symbol)


def read_asq3_quarterly(path: str | Path) -> pd.DataFrame:
    """Read the quarterly ASQ-3 counts and annualise them by summing counts.

    An annual value is given only when all four quarters have both counts; otherwise the row
    says which quarters were missing and why ("DK": the LA returned "don't know", which is
    always status ``dont_know``; "-": not available). The file's own ``Annual`` rows,
    percentages, ``Region`` column (wrong for Milton Keynes) and ``response_rate`` estimate
    (not an official figure) are not used.

    Counts that are impossible as published (more children at the expected level in all five
    domains than in one domain) are kept as published and flagged ``all_domains_exceeds_domain``
    on the all-five row and on the domain rows they exceed; a quarter with fewer than
    :data:`SMALL_QUARTER_SHARE` of the area's median quarter is flagged ``small_quarter``.

    Returns:
        Tidy rows for 2021/22, one per LA and ASQ-3 indicator.

    Raises:
        SourceFormatError: a column is missing, a quarter is unknown, or a count is unreadable.
    """
    raw = read_csv_text(path)
    needed = ["la_name", "ONS code", "date"]
    for stem in DOMAINS:
        needed += [f"total_{stem}", f"n_above_avg_{stem}"]
    require_columns(raw, needed, path=path)
    quarterly = raw[raw["date"] != "Annual"]
    unknown = sorted(set(quarterly["date"]) - set(QUARTERS))
    if unknown:
        raise SourceFormatError(path, f"unknown quarter label(s): {', '.join(unknown)}")
    period = parse_period(YEAR, year_type="financial")
    records = []
    for code, group in quarterly.groupby("ONS code", sort=True):
        code = code.strip()
        name = group["la_name"].iloc[0].strip()
        counts: dict[str, dict[str, tuple[float, float, str]]] = {}
        for index, row in group.iterrows():
            line = int(index) + 2
            quarter = f"Q{QUARTERS[row['date']]}"
            counts[quarter] = {}
            for stem in DOMAINS:
                total, total_symbol = _number(
                    row[f"total_{stem}"], path=path, line=line, column=f"total_{stem}"
                )
                above, above_symbol = _number(
                    row[f"n_above_avg_{stem}"], path=path, line=line, column=f"n_above_avg_{stem}"
                )
                if np.isfinite(above) and np.isfinite(total) and above > total:
                    raise SourceFormatError(
                        path,
                        f"n_above_avg_{stem} ({above:g}) exceeds total_{stem} ({total:g})",
                        line=line,
                    )
                counts[quarter][stem] = (above, total, above_symbol or total_symbol)
        quarters = sorted(counts)
        exceeded: dict[str, list[str]] = {}
        for quarter in quarters:
            overall = counts[quarter]["overall"][0]
            for stem in DOMAINS:
                if stem != "overall" and overall > counts[quarter][stem][0]:
                    exceeded.setdefault(stem, []).append(quarter)
        totals = pd.Series({q: counts[q]["overall"][1] for q in quarters}).dropna()
        small = sorted(totals[totals < SMALL_QUARTER_SHARE * totals.median()].index)
        for stem, indicator_id in DOMAINS.items():
            flags: set[str] = set()
            notes: list[str] = []
            missing = {q: counts[q][stem][2] for q in quarters if counts[q][stem][2]}
            record = {
                "indicator_id": indicator_id,
                "area_code": code,
                "area_name": name,
                "source_id": SOURCE_ID,
                "period": period.label,
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
            }
            if not missing and len(quarters) == 4:
                numerator = sum(counts[q][stem][0] for q in quarters)
                denominator = sum(counts[q][stem][1] for q in quarters)
                record |= {
                    "value": 100.0 * numerator / denominator,
                    "numerator": numerator,
                    "denominator": denominator,
                    "status": "ok",
                    "derivation": "computed_from_counts",
                }
                notes.append("Sum of the four quarterly counts.")
            else:
                dont_know = sorted(q for q, symbol in missing.items() if symbol == "DK")
                other = sorted(q for q, symbol in missing.items() if symbol != "DK")
                parts = []
                if dont_know:
                    parts.append(f"{', '.join(dont_know)} returned 'don't know' (DK)")
                if other:
                    parts.append(f"{', '.join(other)} not available (-)")
                if len(quarters) < 4:
                    parts.append(f"{4 - len(quarters)} quarter(s) absent from the file")
                record |= {
                    "value": np.nan,
                    "status": "dont_know" if dont_know else "not_available",
                    "symbol": "DK" if dont_know else (missing[other[0]] if other else ""),
                }
                notes.append(f"No annual value: {'; '.join(parts)}.")
            if stem == "overall" and exceeded:
                flags.add("all_domains_exceeds_domain")
                listed = "; ".join(
                    f"{DOMAIN_NAMES[s]} in {', '.join(q)}" for s, q in sorted(exceeded.items())
                )
                notes.append(
                    "As published, more children were at the expected level in all five domains "
                    f"than in a single domain ({listed}): impossible, shown as published."
                )
            elif stem in exceeded:
                flags.add("all_domains_exceeds_domain")
                notes.append(
                    "As published, more children were at the expected level in all five domains "
                    f"than in {DOMAIN_NAMES[stem]} in {', '.join(exceeded[stem])}: impossible, "
                    "shown as published."
                )
            if small:
                flags.add("small_quarter")
                notes.append(
                    f"Implausibly few children in {', '.join(small)} (under "
                    f"{SMALL_QUARTER_SHARE:.0%} of the area's median quarter: "
                    + ", ".join(f"{q} {totals[q]:,.0f}" for q in quarters if q in totals)
                    + ")."
                )
            record["note"] = " ".join(notes)
            record["flags"] = ";".join(sorted(flags))
            records.append(record)
    return finish(pd.DataFrame.from_records(records), origin=path)


#: Reach (% of the resident one-year cohort with an ASQ-3 result) outside these bounds is flagged.
REACH_BOUNDS: tuple[float, float] = (50.0, 120.0)


def cohort_reach(
    frame: pd.DataFrame, *, cohort: Mapping[str, float], bounds: tuple[float, float] = REACH_BOUNDS
) -> pd.DataFrame:
    """Flag ASQ-3 rows whose children with a result are implausibly few or many for the area.

    Reach = children with an all-five-domain ASQ-3 result in the year / the resident
    single-year cohort of that age (the mean of ages 0 and 1 in ONS mid-2020 estimates, the
    children who turned 2 during 2021/22; see :func:`indicators.geography.cohort_size`). Every
    ASQ-3 row of an area whose reach lies outside ``bounds`` gets the ``implausible_reach`` flag
    and a note giving the figures.

    Args:
        frame: tidy rows (only rows of :data:`SOURCE_ID` are looked at).
        cohort: area code -> resident children in one year of age.
        bounds: lowest and highest plausible reach, in %.
    """
    out = frame.copy()
    ours = out["source_id"] == SOURCE_ID
    overall = out[ours & (out["indicator_id"] == DOMAINS["overall"])].set_index("area_code")
    low, high = bounds
    for code, row in overall.iterrows():
        size = cohort.get(code)
        if not size or not np.isfinite(row["denominator"]):
            continue
        reach = 100.0 * row["denominator"] / size
        if low <= reach <= high:
            continue
        rows = ours & (out["area_code"] == code)
        out.loc[rows, "flags"] = out.loc[rows, "flags"].map(
            lambda f: add_flag(f, "implausible_reach")
        )
        out.loc[rows, "note"] = out.loc[rows, "note"] + (
            f" Children with an ASQ-3 result ({row['denominator']:,.0f}) are {reach:.0f}% of the "
            f"resident one-year cohort ({size:,.0f}, ONS mid-2020), outside the plausible "
            f"{low:g}–{high:g}%: interpret with caution."
        )
    return out


def cohort_for_codes(
    cohort: Mapping[str, float], *, code_changes: pd.DataFrame
) -> dict[str, float]:
    """The one-year cohort for every code the ASQ-3 file uses.

    Adds the file's combined areas (:data:`COMBINED_AREAS`) and predecessors (the sum of their
    successors, when every successor comes only from that predecessor).
    """
    out = dict(cohort)
    for code, parts in COMBINED_AREAS.items():
        out[code] = sum(cohort.get(part, 0.0) for part in parts)
    for predecessor, group in code_changes.groupby("predecessor_code", sort=True):
        successors = list(group["successor_code"])
        others = code_changes[
            code_changes["successor_code"].isin(successors)
            & (code_changes["predecessor_code"] != predecessor)
        ]
        if predecessor not in out and others.empty and all(s in cohort for s in successors):
            out[predecessor] = sum(cohort[s] for s in successors)
    return out
