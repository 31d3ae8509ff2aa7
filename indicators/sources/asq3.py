"""Reader for OHID ASQ-3 outcomes at 2-2½ years, 2021/22 quarterly counts (Nesta layout)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from indicators.errors import SourceFormatError
from indicators.periods import parse_period
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


def read_asq3_quarterly(path: str | Path) -> pd.DataFrame:
    """Read the quarterly ASQ-3 counts and annualise them by summing counts.

    An annual value is given only when all four quarters have both counts; otherwise the row
    says which quarters were missing. The file's own ``Annual`` rows, percentages and the
    ``response_rate`` estimate (not an official figure) are not used.

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
        for stem, indicator_id in DOMAINS.items():
            numerator = denominator = 0.0
            missing: list[str] = []
            symbol = ""
            for index, row in group.iterrows():
                line = int(index) + 2
                total, total_status, total_symbol = parse_cell(
                    row[f"total_{stem}"], path=path, line=line, column=f"total_{stem}"
                )
                above, above_status, above_symbol = parse_cell(
                    row[f"n_above_avg_{stem}"], path=path, line=line, column=f"n_above_avg_{stem}"
                )
                if total_status != "ok" or above_status != "ok":
                    missing.append(f"Q{QUARTERS[row['date']]}")
                    symbol = symbol or above_symbol or total_symbol
                    continue
                if above > total:
                    raise SourceFormatError(
                        path,
                        f"n_above_avg_{stem} ({above:g}) exceeds total_{stem} ({total:g})",
                        line=line,
                    )
                numerator += above
                denominator += total
            quarters_seen = len(group)
            complete = not missing and quarters_seen == 4 and denominator > 0
            record = {
                "indicator_id": indicator_id,
                "area_code": code,
                "area_name": name,
                "source_id": "ohid_asq3_2021_22",
                "period": period.label,
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
            }
            if complete:
                record |= {
                    "value": 100.0 * numerator / denominator,
                    "numerator": numerator,
                    "denominator": denominator,
                    "status": "ok",
                    "derivation": "computed_from_counts",
                    "note": "Sum of the four quarterly counts.",
                }
            else:
                gaps = ", ".join(sorted(set(missing))) or f"{4 - quarters_seen} quarter(s) absent"
                status = (
                    "dont_know"
                    if symbol.lower() == "dk" and len(missing) == quarters_seen
                    else "not_available"
                )
                record |= {
                    "value": np.nan,
                    "status": status,
                    "symbol": symbol,
                    "note": f"No annual value: quarter(s) without counts ({gaps}).",
                }
            records.append(record)
    return finish(pd.DataFrame.from_records(records), origin=path)
