"""The one tidy long format every indicator is held in, and its validation.

One row per indicator x area x period x breakdown. Missing or suppressed values keep their row,
with ``value`` empty and a ``status`` (plus the published ``symbol``) saying why.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.errors import SchemaError

#: Column order of the tidy frame (and of ``data/indicators.csv``).
COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "area_code",
    "area_name",
    "area_level",
    "nation",
    "period",
    "period_start",
    "period_end",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "lower_ci95",
    "upper_ci95",
    "lower_ci998",
    "upper_ci998",
    "ci_method",
    "status",
    "symbol",
    "area_status",
    "derivation",
    "source_id",
    "note",
    "flags",
)
KEY: tuple[str, ...] = ("indicator_id", "area_code", "period", "breakdown")
#: Columns added after files in the old layout were written; read as empty when absent.
OPTIONAL_COLUMNS: tuple[str, ...] = ("flags",)
NUMERIC = (
    "value",
    "numerator",
    "denominator",
    "lower_ci95",
    "upper_ci95",
    "lower_ci998",
    "upper_ci998",
)
TEXT = tuple(c for c in COLUMNS if c not in NUMERIC)

#: Value status. Everything except ``ok`` and ``low_reliability`` has no value.
STATUSES: dict[str, str] = {
    "ok": "Published value",
    "low_reliability": "Low reliability (u)",
    "suppressed": "Suppressed to protect confidentiality (c)",
    "rounds_to_zero": "Rounds to zero (k)",
    "not_available": "Not available (x)",
    "not_applicable": "Not applicable (z)",
    "covid_no_data": "No data: collection cancelled because of COVID-19",
    "not_collected": "Not collected in this nation",
    "dont_know": "Don't know (DK): the local authority returned 'don't know'",
    "missing_or_suppressed": "Missing or suppressed (-): the publisher does not say which",
}
STATUSES_WITH_VALUE = frozenset({"ok", "low_reliability"})


def flag_set(text: str) -> set[str]:
    """The flag codes in one ``flags`` cell."""
    return set(filter(None, str(text).split(";")))


def add_flag(flags: str, code: str) -> str:
    """``flags`` with ``code`` added (codes kept sorted so the build stays deterministic)."""
    return ";".join(sorted(flag_set(flags) | {code}))


#: Where a row's area stands against the current (2023) geography.
AREA_STATUSES: dict[str, str] = {
    "current": "Area exists in the December 2023 geography",
    "predecessor": "Area abolished or recoded since; value kept under its own code",
    "built_from_predecessor": (
        "Successor area with exactly the same territory as its predecessor; "
        "value published under the predecessor code"
    ),
}
#: How the value was obtained.
DERIVATIONS: dict[str, str] = {
    "published": "As published",
    "computed_from_counts": "Percentage computed by this project from published counts",
    "aggregated_from_las": "Aggregated by this project from local-authority counts (not official)",
    "derived_by_third_party": (
        "Computed by a third party from the publisher's open data (not an official figure)"
    ),
}
#: Data-quality and presentation flags (``flags`` holds ``;``-separated codes). A flagged row
#: keeps its published value; pages show the flag's text and some views skip the row.
FLAGS: dict[str, str] = {
    "all_domains_exceeds_domain": (
        "Impossible as published: more children at the expected level in all five domains "
        "than in a single domain in at least one quarter"
    ),
    "small_quarter": "At least one quarter has an implausibly small number of children",
    "implausible_reach": (
        "Implausibly few or many children with an ASQ-3 result compared with the resident "
        "population of that age"
    ),
    "extremes_only": (
        "Only the highest and lowest areas were published for this period: not a full map or "
        "ranking"
    ),
    "tiny_cohort": "Very small cohort published without counts: not ranked or compared",
}
#: Flags that keep a row out of ranks, quartiles and maps.
UNRANKED_FLAGS = frozenset({"extremes_only", "tiny_cohort"})
AREA_LEVELS: dict[str, str] = {
    "uk": "United Kingdom",
    "country": "Nation",
    "region": "English region",
    "la": "Local authority (upper tier / unitary, council area, district)",
    "health_board": "Health board or trust",
}
NATIONS = ("England", "Wales", "Scotland", "Northern Ireland", "United Kingdom")
CI_METHODS = ("", "wilson", "published")

_GSS = re.compile(r"^[EWSNK]\d{8}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: Code prefixes allowed at each level (validated by prefix, as UKHSA does).
LEVEL_PREFIXES: dict[str, tuple[str, ...]] = {
    "uk": ("K02", "K03"),
    "country": ("E92", "W92", "S92", "N92"),
    "region": ("E12",),
    "la": ("E06", "E08", "E09", "E10", "W06", "S12", "N09"),
    "health_board": ("S08", "W11"),
}
NATION_BY_PREFIX = {
    "E": "England",
    "W": "Wales",
    "S": "Scotland",
    "N": "Northern Ireland",
    "K": "United Kingdom",
}


def nation_of(code: str) -> str:
    """The nation a GSS code belongs to (``K`` codes are the United Kingdom)."""
    try:
        return NATION_BY_PREFIX[code[0]]
    except (IndexError, KeyError):
        raise ValueError(f"{code!r} is not a GSS area code") from None


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a frame exactly the tidy columns, in order, with their dtypes.

    Missing optional columns are added empty; text columns hold ``""`` rather than NaN.
    """
    out = frame.copy()
    for column in COLUMNS:
        if column not in out.columns:
            out[column] = np.nan if column in NUMERIC else ""
    out = out[list(COLUMNS)]
    for column in NUMERIC:
        out[column] = pd.to_numeric(out[column], errors="raise").astype("float64")
    for column in TEXT:
        out[column] = out[column].fillna("").astype(str)
    return out.reset_index(drop=True)


def _first_bad(mask: pd.Series) -> int | None:
    bad = np.flatnonzero(mask.to_numpy())
    return int(bad[0]) if len(bad) else None


def validate(frame: pd.DataFrame, *, origin: str | Path, first_row: int = 0) -> pd.DataFrame:
    """Check a tidy frame and return it unchanged.

    Args:
        frame: the frame to check (already passed through :func:`conform`).
        origin: the file (or reader) it came from, named in any error.
        first_row: number of the first data row in ``origin`` (2 for a CSV with a header, so
            errors give the line a person sees in an editor).

    Returns:
        ``frame``.

    Raises:
        SchemaError: naming ``origin`` and the first offending row.
    """
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise SchemaError(origin, f"missing columns: {', '.join(missing)}")

    def fail(mask: pd.Series, message: str) -> None:
        row = _first_bad(mask)
        if row is not None:
            shown = frame.iloc[row]
            error = SchemaError(
                origin,
                f"{message} (indicator {shown['indicator_id']!r}, area {shown['area_code']!r}, "
                f"period {shown['period']!r})",
                row=row + first_row,
            )
            error.record = shown.to_dict()  # lets the build find the raw line it came from
            raise error

    for column in ("indicator_id", "area_code", "area_name", "period", "breakdown", "source_id"):
        fail(frame[column].fillna("").astype(str).str.strip() == "", f"empty {column}")
    codes = frame["area_code"].astype(str)
    fail(~codes.str.match(_GSS), "area_code is not a GSS code")
    fail(~frame["area_level"].isin(list(AREA_LEVELS)), "unknown area_level")
    prefix_ok = pd.Series(
        [
            code[:3] in LEVEL_PREFIXES.get(level, ())
            for code, level in zip(codes, frame["area_level"], strict=True)
        ],
        index=frame.index,
        dtype=bool,
    )
    fail(~prefix_ok, "area_code prefix does not match area_level")
    fail(~frame["nation"].isin(list(NATIONS)), "unknown nation")
    fail(codes.str[0].map(NATION_BY_PREFIX) != frame["nation"], "nation does not match area_code")
    fail(~frame["period_start"].astype(str).str.match(_DATE), "period_start is not a date")
    fail(~frame["period_end"].astype(str).str.match(_DATE), "period_end is not a date")
    fail(
        frame["period_end"].astype(str) < frame["period_start"].astype(str),
        "period ends before it starts",
    )
    fail(~frame["status"].isin(list(STATUSES)), "unknown status")
    fail(~frame["area_status"].isin(list(AREA_STATUSES)), "unknown area_status")
    fail(~frame["derivation"].isin(list(DERIVATIONS)), "unknown derivation")
    fail(~frame["ci_method"].isin(list(CI_METHODS)), "unknown ci_method")
    fail(
        ~frame["flags"].map(lambda text: flag_set(text) <= set(FLAGS)).astype(bool),
        "unknown flag",
    )

    has_value = frame["status"].isin(list(STATUSES_WITH_VALUE))
    fail(has_value & frame["value"].isna(), "status says there is a value but value is empty")
    fail(~has_value & frame["value"].notna(), "status says there is no value but value is set")
    for column in NUMERIC:
        fail(
            frame[column].notna() & ~np.isfinite(frame[column].fillna(0)), f"{column} is not finite"
        )
    counts = frame["numerator"].notna() & frame["denominator"].notna()
    fail(counts & (frame["numerator"] > frame["denominator"]), "numerator exceeds denominator")
    fail(frame["denominator"].notna() & (frame["denominator"] < 0), "negative denominator")
    fail(frame["numerator"].notna() & (frame["numerator"] < 0), "negative numerator")
    for level in ("95", "998"):
        lower, upper = frame[f"lower_ci{level}"], frame[f"upper_ci{level}"]
        both = lower.notna() & upper.notna()
        fail(lower.notna() != upper.notna(), f"only one bound of the {level} CI is set")
        fail(both & (lower > upper), f"lower {level} CI above upper")
        inside = both & frame["value"].notna()
        fail(
            inside & ((frame["value"] < lower - 0.051) | (frame["value"] > upper + 0.051)),
            f"value outside its {level} CI",
        )
    fail(
        frame.duplicated(list(KEY), keep="first"), "duplicate indicator x area x period x breakdown"
    )
    return frame


def read_tidy_csv(path: str | Path) -> pd.DataFrame:
    """Read and validate a tidy CSV such as ``data/indicators.csv``.

    Raises:
        SchemaError: the file is not a valid tidy frame (names the file and line).
    """
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise SchemaError(path, f"cannot read as CSV: {error}") from error
    missing = [c for c in COLUMNS if c not in raw.columns and c not in OPTIONAL_COLUMNS]
    if missing:
        raise SchemaError(path, f"missing columns: {', '.join(missing)}")
    for column in NUMERIC:
        numbers = pd.to_numeric(raw[column].replace("", np.nan), errors="coerce")
        bad = raw[column].ne("") & numbers.isna()
        row = _first_bad(bad)
        if row is not None:
            raise SchemaError(
                path, f"{column} {raw[column].iloc[row]!r} is not a number", row=row + 2
            )
        raw[column] = numbers
    return validate(conform(raw), origin=path, first_row=2)
