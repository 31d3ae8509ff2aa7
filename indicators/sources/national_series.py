"""Reader for the national and regional headline series quoted from official publications.

Only rows whose ``source_type`` is official (the publisher's own page, a faithful copy of it,
or a parliamentary answer) are read. Each distinct publication becomes a source of its own, and
each row keeps the exact quote that states its number.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.catalogue import Source, get_indicator, licence_for
from indicators.errors import SourceFormatError
from indicators.periods import parse_period
from indicators.sources.common import finish, parse_cell, read_csv_text, require_columns

OFFICIAL_SOURCE_TYPES = ("official", "official_text_via_mirror", "official_parliamentary_answer")
#: Secondary reports of official statistics, read only where no official page is stored:
#: England's annual ASQ-3 figures from OHID's release, as reported by PA Media.
SECONDARY_OFFICIAL = "secondary_news_reporting_official"
SOURCE_TYPE_LABELS = {
    "official": "Official publication",
    "official_text_via_mirror": "Official publication (text read from a copy)",
    "official_parliamentary_answer": "Parliamentary answer",
    SECONDARY_OFFICIAL: "News report of official statistics",
}

#: (file indicator name, prefix match?) -> (catalogue id, breakdown)
INDICATOR_MAP: dict[str, tuple[str, str]] = {
    "gld_pct_all": ("eyfsp_gld", "all"),
    "gld_pct_girls": ("eyfsp_gld", "girls"),
    "gld_pct_boys": ("eyfsp_gld", "boys"),
    "gld_pct_fsm": ("eyfsp_gld", "fsm"),
    "gld_pct_non_fsm": ("eyfsp_gld", "non_fsm"),
    "asq3_all_five_domains_pct_at_or_above_expected": ("asq3_all_domains", "all"),
    "asq3_communication_pct_at_or_above_expected": ("asq3_communication", "all"),
    "asq3_gross_motor_pct_at_or_above_expected": ("asq3_gross_motor", "all"),
    "asq3_fine_motor_pct_at_or_above_expected": ("asq3_fine_motor", "all"),
    "asq3_problem_solving_pct_at_or_above_expected": ("asq3_problem_solving", "all"),
    "asq3_personal_social_pct_at_or_above_expected": ("asq3_personal_social", "all"),
    "new_birth_visit_within_14_days_pct": ("hv_new_birth_visit_14d", "all"),
    "new_birth_visit_after_14_days_pct": ("hv_new_birth_visit_after_14d", "all"),
    "new_birth_visit_within_30_days_pct": ("hv_new_birth_visit_30d", "all"),
    "review_6_8_week_pct": ("hv_review_6_8_week", "all"),
    "review_12_month_by_12_months_pct": ("hv_review_12m_by_12m", "all"),
    "review_12_month_by_15_months_pct": ("hv_review_12m_by_15m", "all"),
    "review_2_2half_year_pct": ("hv_review_2_2half", "all"),
    "review_2_2half_year_using_asq3_pct": ("hv_review_2_2half_asq3", "all"),
    "pct_with_concern_any_domain": ("scot_concern_27_30m", "all"),
    "pct_with_concern_any_domain_boys": ("scot_concern_27_30m", "boys"),
    "pct_with_concern_any_domain_girls": ("scot_concern_27_30m", "girls"),
    "pct_with_concern_any_domain_most_deprived_simd1": (
        "scot_concern_27_30m",
        "simd1_most_deprived",
    ),
    "pct_with_concern_any_domain_least_deprived_simd5": (
        "scot_concern_27_30m",
        "simd5_least_deprived",
    ),
    "pct_with_concern_any_domain_looked_after": ("scot_concern_27_30m", "looked_after"),
    "pct_with_concern_any_domain_not_looked_after": ("scot_concern_27_30m", "not_looked_after"),
    "hcwp_contacts_completed_pct_all_contacts": ("wales_hcwp_contacts_completed", "all"),
    "hcwp_contact_10_14_days_pct": ("wales_hcwp_10_14_days", "all"),
    "hcwp_contact_16_weeks_pct": ("wales_hcwp_16_weeks", "all"),
    "hcwp_contact_3_5_years_pct": ("wales_hcwp_3_5_years", "all"),
    "pct_with_concern_speech_language_communication": (
        "scot_concern_27_30m_speech_language",
        "all",
    ),
    "pct_with_concern_emotional_behavioural": ("scot_concern_27_30m_emotional_behavioural", "all"),
    "pct_with_concern_gross_motor": ("scot_concern_27_30m_gross_motor", "all"),
    "hcwp_contacts_within_specified_age_range_pct": ("wales_hcwp_contacts_in_age_range", "all"),
    "hcwp_contacts_received_pct_flying_start_areas": (
        "wales_hcwp_contacts_completed",
        "flying_start_areas",
    ),
    "hcwp_contacts_received_pct_non_flying_start_areas": (
        "wales_hcwp_contacts_completed",
        "non_flying_start_areas",
    ),
    "hcwp_contacts_recorded_n": ("wales_hcwp_contacts_recorded_n", "all"),
    "hcwp_contacts_not_recorded_n": ("wales_hcwp_contacts_not_recorded_n", "all"),
    "flying_start_children_receiving_services_n": ("wales_flying_start_children_n", "all"),
    "flying_start_hv_contacts_per_child": ("wales_flying_start_hv_contacts_per_child", "all"),
}
#: Quotes that state the share of children seen, not of contacts completed (Wales).
CHILDREN_SEEN = re.compile(r"eligible children received a Healthy Child Wales contact in the")
COLUMNS = (
    "area_code",
    "area_name",
    "indicator",
    "period",
    "value",
    "lower_ci",
    "upper_ci",
    "note",
    "source_url",
    "source_title",
    "published",
    "quote",
    "source_type",
)


def source_id_for(url: str) -> str:
    """A stable source id for a quoted publication."""
    return "quoted_" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]


def _publisher(title: str) -> str:
    # Titles end with the publisher in brackets, e.g. "... (Public Health Scotland)".
    if title.endswith(")") and "(" in title:
        return title[title.rfind("(") + 1 : -1]
    return ""


def _secondary_accepted(row: pd.Series) -> bool:
    """England's annual ASQ-3 values reported from OHID's release (no official page stored)."""
    return (
        row["source_type"] == SECONDARY_OFFICIAL
        and row["indicator"].startswith("asq3_")
        and row["indicator"].endswith("_pct_at_or_above_expected")
        and row["area_code"].strip() == "E92000001"
        and " Q" not in row["period"]
        and "does not say whether" not in row["note"]
    )


def _la_ranges(raw: pd.DataFrame) -> dict[tuple[str, str], str]:
    """Published local-authority ranges (``<indicator>__la_min`` / ``__la_max`` rows), as words
    to add to the note of the figure they belong to."""
    out = {}
    for (indicator, period), group in raw[raw["indicator"].str.contains("__la_m")].groupby(
        [raw["indicator"].str.replace(r"__la_m(in|ax)$", "", regex=True), "period"], sort=True
    ):
        ends = dict(zip(group["indicator"].str[-3:], group["value"], strict=True))
        if {"min", "max"} <= set(ends):
            out[(indicator, period)] = (
                f"Local authorities ranged from {ends['min']}% to {ends['max']}% "
                f"({' '.join(group['note'].iloc[0].split('.')[0].split())})."
            )
    return out


def note_for(row: pd.Series) -> str:
    """The shipped note: the raw file's caveats, the source type, the date and the exact quote."""
    parts = [" ".join(row["note"].split())]
    kind = SOURCE_TYPE_LABELS.get(row["source_type"], row["source_type"])
    published = row["published"].strip()
    quote = row["quote"].strip()
    parts.append(f"{kind}, published {published}." if published else f"{kind}.")
    if quote:
        parts.append(f"Quote: “{quote}”")
    return " ".join(p for p in parts if p)


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def read_national_series(path: str | Path) -> tuple[pd.DataFrame, dict[str, Source]]:
    """Read one national/regional series file.

    Where a publication gives the same figure rounded and to one decimal place, the more
    precise value is kept (as the file's notes ask). Rows whose indicator is not in
    :data:`INDICATOR_MAP` (ranges, gaps, counts) and rows without a GSS code are skipped.

    Returns:
        The tidy rows and the sources they cite (id -> :class:`Source`).

    Raises:
        SourceFormatError: a column is missing or a cell cannot be read.
    """
    raw = read_csv_text(path)
    require_columns(raw, COLUMNS, path=path)
    ranges = _la_ranges(raw)
    records = []
    sources: dict[str, Source] = {}
    for index, row in raw.iterrows():
        line = int(index) + 2
        if row["source_type"] not in OFFICIAL_SOURCE_TYPES and not _secondary_accepted(row):
            continue
        if row["indicator"] not in INDICATOR_MAP or not row["area_code"].strip():
            continue
        indicator_id, breakdown = INDICATOR_MAP[row["indicator"]]
        if indicator_id == "wales_hcwp_contacts_completed" and CHILDREN_SEEN.search(row["quote"]):
            # "% of eligible children who received a contact in the quarter" is a different
            # measure from "% of the contacts due that were completed": its own series.
            indicator_id = "wales_hcwp_children_seen"
        indicator = get_indicator(indicator_id)
        try:
            period = parse_period(row["period"], year_type=indicator.year_type)
        except ValueError as error:
            raise SourceFormatError(path, str(error), line=line) from error
        value, status, symbol = parse_cell(row["value"], path=path, line=line, column="value")
        lower, _, _ = parse_cell(row["lower_ci"], path=path, line=line, column="lower_ci")
        upper, _, _ = parse_cell(row["upper_ci"], path=path, line=line, column="upper_ci")
        if period.label in indicator.no_data_periods and status != "ok":
            continue  # the catalogue states the gap; no row is needed for it
        source_id = source_id_for(row["source_url"])
        licence, publisher = licence_for(row["source_type"])
        sources.setdefault(
            source_id,
            Source(
                id=source_id,
                title=row["source_title"],
                publisher=publisher or _publisher(row["source_title"]),
                url=row["source_url"],
                licence=licence,
                raw_files=(f"national/{Path(path).name}",),
                source_type=row["source_type"],
            ),
        )
        flags = ""
        if row["area_code"][:3] not in ("E92", "W92", "S92", "N92", "K02", "K03") and re.search(
            r"\b(highest|lowest)\b[^.]*\b(region|council area|NHS board|board|local authority)",
            row["note"],
            flags=re.IGNORECASE,
        ):
            flags = "extremes_only"
        records.append(
            {
                "indicator_id": indicator_id,
                "area_code": row["area_code"].strip(),
                "area_name": row["area_name"].strip(),
                "breakdown": breakdown,
                "period": period.label,
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
                "value": value,
                "status": status,
                "symbol": symbol,
                "lower_ci95": lower if np.isfinite(lower) and np.isfinite(upper) else np.nan,
                "upper_ci95": upper if np.isfinite(lower) and np.isfinite(upper) else np.nan,
                "ci_method": "published" if np.isfinite(lower) and np.isfinite(upper) else "",
                "source_id": source_id,
                "note": " ".join(
                    filter(None, [note_for(row), ranges.get((row["indicator"], row["period"]))])
                ),
                "flags": flags,
                "_precision": _decimals(row["value"]),
            }
        )
    if not records:
        return finish(pd.DataFrame(columns=["indicator_id", "area_code"]), origin=path), sources
    frame = pd.DataFrame.from_records(records)
    frame = frame.sort_values("_precision", ascending=False, kind="stable")
    frame = frame.drop_duplicates(
        ["indicator_id", "area_code", "period", "breakdown"], keep="first"
    )
    return finish(frame.drop(columns="_precision"), origin=path), sources


#: Headline-fact indicator prefix -> topic shown on the Four nations page.
HEADLINE_TOPICS: dict[str, str] = {
    "camhs": "CAMHS and the under-2s",
    "specialised_parent_infant": "Specialised parent-infant relationship teams",
    "families_needing_specialist_parent_infant": "Specialised parent-infant relationship teams",
    "childrens_centres": "Children's centres",
    "sure_start": "Children's centres",
    "health_visitor": "Health visitor workforce",
    # Northern Ireland's health reviews: only secondary reports of DoH statistics are held, so
    # they are quoted facts with their source type, never indicator rows.
    "hchf_reviews": "Health reviews in Northern Ireland (as reported)",
    "year1_review": "Health reviews in Northern Ireland (as reported)",
}
HEADLINE_COLUMNS = (
    "topic",
    "publisher",
    "licence",
    "indicator",
    "area_code",
    "area_name",
    "period",
    "value",
    "unit",
    "note",
    "source_title",
    "source_url",
    "published",
    "quote",
    "source_type",
)


def read_headline_facts(path: str | Path) -> pd.DataFrame:
    """Read the campaign literature's headline facts, each with its source and exact quote.

    Unlike the indicator series these keep every source type (NGO reports included), labelled
    by ``source_type``; rows of topics the app does not present are dropped.

    Raises:
        SourceFormatError: a column is missing or a value is not a number.
    """
    raw = read_csv_text(path)
    require_columns(raw, COLUMNS, path=path)
    rows = []
    for index, row in raw.iterrows():
        topic = next(
            (
                name
                for prefix, name in HEADLINE_TOPICS.items()
                if row["indicator"].startswith(prefix)
            ),
            None,
        )
        if topic is None:
            continue
        value, _, _ = parse_cell(row["value"], path=path, line=int(index) + 2, column="value")
        licence, publisher = licence_for(row["source_type"])
        rows.append(
            {
                "topic": topic,
                "publisher": publisher or _publisher(row["source_title"]),
                "licence": licence,
                **{c: row[c].strip() for c in HEADLINE_COLUMNS[3:]},
                "value": value,
            }
        )
    frame = pd.DataFrame(rows, columns=list(HEADLINE_COLUMNS))
    return frame.sort_values(
        ["topic", "indicator", "period", "source_url"], kind="stable", ignore_index=True
    )
