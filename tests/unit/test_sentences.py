"""The sentence grammar: hand-written examples, and every indicator x benchmark x outcome.

Expected sentences below are written out by hand. The exhaustive test checks every
combination against patterns that were seen reading wrongly on the pages, and works out the
number/noun agreement itself rather than asking the code under test.
"""

from __future__ import annotations

import itertools
import re

import pytest

from indicators.catalogue import CATALOGUE, get_indicator
from indicators.compare import BenchmarkResult, compare_with_benchmark
from indicators.sentences import (
    NEIGHBOURS_ENGLAND_ONLY,
    benchmark_heading,
    map_table_label,
    plural,
    summary_sentence,
)

ASQ = get_indicator("asq3_all_domains")
CENTRES = get_indicator("childrens_centres_n")
HUBS = get_indicator("family_hubs_n")
RATE = get_indicator("childrens_centres_per_1000_under5")
START_FOR_LIFE = get_indicator("family_hubs_start_for_life")
SCOT = get_indicator("scot_concern_27_30m")


def made(outcome: str, label: str, value: float | None, kind: str) -> BenchmarkResult:
    return BenchmarkResult(outcome, "", label, value, "95", kind=kind)


# --------------------------------------------------------------------------- by hand
def test_region_comparison_names_the_areas_own_region():
    text = summary_sentence(
        indicator=ASQ,
        area_name="Darlington",
        period="2021/22",
        value=90.0,
        status="ok",
        comparisons=[made("better", "North East", 70.0, "region")],
        rank=1,
        n_ranked=4,
    )
    assert text == (
        "In 2021/22, 90.0% of children reviewed in Darlington were at or above the expected "
        "level in all five areas: communication, gross motor, fine motor, problem solving and "
        "personal-social skills at 2–2½ years, significantly higher (better) than its region "
        "(North East; 70.0%); ranked 1 of 4 English local authorities (1 = best)."
    )


def test_peer_benchmark_has_no_doubled_brackets():
    text = summary_sentence(
        indicator=ASQ,
        area_name="Hartlepool",
        period="2021/22",
        value=72.0,
        status="ok",
        comparisons=[
            made("similar", "England", 80.0, "england"),
            made("similar", "its statistical neighbours (2025 model)", 75.25, "peers_2025"),
        ],
    )
    assert (
        "similar to England (80.0%) and similar to its statistical neighbours (2025 model; 75.3%)."
        in text
    )


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "In 2026, Gateshead had no open children's centres."),
        (1, "In 2026, Gateshead had 1 open children's centre."),
        (2, "In 2026, Gateshead had 2 open children's centres."),
        (1234, "In 2026, Gateshead had 1,234 open children's centres."),
    ],
)
def test_counts_agree_with_their_noun(count, expected):
    text = summary_sentence(
        indicator=CENTRES, area_name="Gateshead", period="2026", value=count, status="ok"
    )
    assert text == expected


def test_zero_family_hubs_means_none_on_the_list():
    text = summary_sentence(
        indicator=HUBS, area_name="Stockton-on-Tees", period="2026", value=0, status="ok"
    )
    assert text == "In 2026, Stockton-on-Tees had no family hub sites on DfE's list."


def test_a_rate_is_written_in_its_unit_not_as_a_percentage():
    text = summary_sentence(
        indicator=RATE,
        area_name="Gateshead",
        period="2026",
        value=0.1049,
        status="ok",
        rank=153,
        n_ranked=153,
    )
    assert text == (
        "In 2026, Gateshead had 0.10 open children's centres per 1,000 under-5s; "
        "ranked 153 of 153 English local authorities (1 = highest)."
    )


@pytest.mark.parametrize(("value", "verb"), [(1.0, "was"), (0.0, "was not")])
def test_yes_no_flags_read_as_yes_or_no_and_are_not_ranked(value, verb):
    text = summary_sentence(
        indicator=START_FOR_LIFE,
        area_name="Leeds",
        period="2022/23",
        value=value,
        status="ok",
        comparisons=[made("not_compared", "England", None, "england")],
        rank=1,
        n_ranked=153,
    )
    assert text == (
        f"In 2022/23, Leeds {verb} one of the local authorities in the Family Hubs and Start "
        "for Life programme."
    )


def test_scottish_area_with_peers_is_told_the_model_is_english_only():
    result = compare_with_benchmark(
        value=11.7,
        lower=9.0,
        upper=14.0,
        benchmark_value=None,
        polarity="lower_is_better",
        benchmark_label="its statistical neighbours (2025 model)",
        benchmark_kind="peers_2025",
        no_benchmark_reason=NEIGHBOURS_ENGLAND_ONLY,
    )
    text = summary_sentence(
        indicator=SCOT,
        area_name="City of Edinburgh",
        period="2022/23",
        value=11.7,
        status="ok",
        comparisons=[result],
        rank=4,
        n_ranked=32,
        nation="Scotland",
    )
    assert text == (
        "In 2022/23, 11.7% of children reviewed in City of Edinburgh had a developmental "
        "concern at 27–30 months; ranked 4 of 32 Scottish council areas (1 = best). "
        "Not compared with its statistical neighbours (2025 model): DfE statistical neighbours "
        "are a model of English local authorities only; choose “Nation” in “Compare with” to "
        "compare with the nation instead."
    )


def test_one_reason_for_two_benchmarks_is_said_once():
    reason = "no confidence interval, because no counts are published"
    text = summary_sentence(
        indicator=get_indicator("eyfsp_gld"),
        area_name="Gateshead",
        period="2024/25",
        value=66.4,
        status="ok",
        comparisons=[
            BenchmarkResult("not_compared", reason, "England", 68.3, "95", kind="england"),
            BenchmarkResult("not_compared", reason, "North East", 66.5, "95", kind="region"),
        ],
    )
    assert text.endswith(f"Not compared with England or its region (North East): {reason}.")
    assert text.count("Not compared") == 1


def test_ranked_of_one_is_singular():
    text = summary_sentence(
        indicator=ASQ,
        area_name="Leeds",
        period="2021/22",
        value=80.0,
        status="ok",
        rank=1,
        n_ranked=1,
    )
    assert text.endswith("ranked 1 of 1 English local authority (1 = best).")


def test_missing_values_say_why():
    text = summary_sentence(
        indicator=ASQ, area_name="Warrington", period="2021/22", value=None, status="suppressed"
    )
    assert text == (
        "In 2021/22, there is no figure for Warrington: suppressed to protect confidentiality (c)."
    )
    text = summary_sentence(
        indicator=ASQ,
        area_name="Cardiff",
        period="2021/22",
        value=None,
        status="not_collected",
        nation="Wales",
    )
    assert text.startswith("ASQ-3 all five areas is not collected in Wales. Wales publishes")


@pytest.mark.parametrize(
    ("kind", "labels", "expected"),
    [
        ("england", ["England", "England"], "England"),
        ("region", ["North East", "North West"], "its own region"),
        ("region", ["North East", "North East"], "its own region"),
        ("nation", ["England"], "England"),
        ("nation", ["England", "Scotland"], "its own nation"),
        (
            "peers_2025",
            ["its statistical neighbours (2025 model)"],
            "its own statistical neighbours (DfE 2025 model)",
        ),
    ],
)
def test_benchmark_heading(kind, labels, expected):
    assert benchmark_heading(kind, labels) == expected


def test_plural():
    assert plural(1, "site", "sites") == "1 site"
    assert plural(0, "site", "sites") == "0 sites"
    assert plural(2500, "site", "sites") == "2,500 sites"


# --------------------------------------------------------------------------- every combination
BENCHMARKS = {
    "england": "England",
    "region": "North East",
    "nation": "Scotland",
    "peers_2021": "its statistical neighbours (2021 model)",
    "peers_2025": "its statistical neighbours (2025 model)",
}
OUTCOMES = ("better", "similar", "worse", "higher", "lower", "not_compared")
#: Patterns that were seen reading wrongly on the pages, or can never be right.
BAD = {
    "doubled possessive": re.compile(r"\bits own its\b|\bits its\b"),
    "'No marks whether'": re.compile(r"\bmarks whether\b|^In [^,]+, (Yes|No) "),
    "'no its …'": re.compile(r"\bno its\b|\(no its\b"),
    "doubled brackets": re.compile(r"\)\s*\(|\(\("),
    "Python missing value": re.compile(r"\b(None|nan|NaN|<NA>)\b"),
    "unfilled template": re.compile(r"[{}]"),
    "doubled space or stop": re.compile(r"  |\.\.|\s[,.;]"),
    "'1 … were/sites was'": re.compile(r"\b1 [a-z' ]*?s (was|were)\b"),
    "old catch-all label": re.compile(r"Suppressed or not available"),
}


def _benchmark_value(indicator) -> float:
    return (
        0.5
        if indicator.unit.startswith("per ")
        else (3.0 if indicator.unit in ("centres", "sites") else 70.0)
    )


#: Period labels as the data writes them: a year, a quarter with its months, a dated snapshot.
PERIODS = ("2021/22", "2017/18 Q1 (Apr–Jun 2017)", "30 Jan 2026 (GIAS extract)", "Jul–Sep 2024")


@pytest.mark.parametrize("indicator_id", list(CATALOGUE))
def test_no_combination_reads_wrongly(indicator_id):
    for kind, outcome, value, ranked, period in itertools.product(
        BENCHMARKS, OUTCOMES, (None, 0.0, 1.0, 2.0, 71.25), (False, True), PERIODS
    ):
        check_combination(indicator_id, kind, outcome, value, ranked, period)


def check_combination(indicator_id, kind, outcome, value, ranked, period="2021/22"):
    indicator = get_indicator(indicator_id)
    label = BENCHMARKS[kind]
    if outcome == "not_compared":
        # The engine's own reason for a benchmark without a value.
        result = compare_with_benchmark(
            value=80.0,
            lower=79.0,
            upper=81.0,
            benchmark_value=None,
            polarity=indicator.polarity,
            benchmark_label=label,
            benchmark_kind=kind,
        )
    else:
        result = made(outcome, label, _benchmark_value(indicator), kind)
    status = "ok" if value is not None else "suppressed"
    text = summary_sentence(
        indicator=indicator,
        area_name="Darlington",
        period=period,
        value=value,
        status=status,
        comparisons=[result],
        rank=3 if ranked else None,
        n_ranked=150 if ranked else None,
        tied=ranked and value == 1.0,
    )
    for name, pattern in BAD.items():
        assert not pattern.search(text), f"{name}: {text}"
    assert text[0].isupper() and text.endswith("."), text
    dated = period[0].isdigit() and not period[:4].isdigit()
    assert text.startswith(f"{'On' if dated else 'In'} {period}, "), text
    if value is None:
        assert "no figure for Darlington" in text
        return
    percent = indicator.unit == "%"
    assert ("%" in text) == percent, text
    if indicator.unit == "yes/no":
        assert "ranked" not in text and "(1 = " not in text
        expected_verb = "was" if value >= 0.5 else "was not"
        assert f"Darlington {expected_verb} one of the local authorities" in text
    elif ranked:
        assert "ranked " in text and "of 150 English local authorities" in text
        order = "(1 = highest)" if indicator.polarity == "no_judgement" else "(1 = best)"
        assert order in text
    singular, plural_form = indicator.noun
    if indicator.unit in ("centres", "sites") and plural_form:
        count = round(value)
        expected = (
            f"had no {plural_form}"
            if count == 0
            else f"had {count} {singular if count == 1 else plural_form}"
        )
        assert expected in text, text
    if outcome in ("better", "worse") and percent:
        higher = (outcome == "better") == (indicator.polarity != "lower_is_better")
        assert f"significantly {'higher' if higher else 'lower'} ({outcome}) than" in text
    if outcome == "similar":
        assert "significantly" not in text
    if kind == "region" and outcome != "not_compared" and percent:
        assert "its region (North East; 70.0%)" in text
    if outcome == "not_compared" and percent:
        assert "significantly" not in text and "Not compared with" in text


def test_a_dated_snapshot_reads_on_not_in():
    text = summary_sentence(
        indicator=HUBS,
        area_name="Gateshead",
        period="2 Feb 2026 (DfE family hub list)",
        value=9,
        status="ok",
    )
    assert text == (
        "On 2 Feb 2026 (DfE family hub list), Gateshead had 9 family hub sites on DfE's list."
    )


def test_the_map_tables_label_counts_areas_and_former_areas():
    assert map_table_label(218, 0) == "Table: every area's figures (218 areas)"
    assert map_table_label(1, 1) == (
        "Table: every area's figures (1 area, and 1 area since reorganised)"
    )
    assert map_table_label(218, 3) == (
        "Table: every area's figures (218 areas, and 3 areas since reorganised)"
    )
