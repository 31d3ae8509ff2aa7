"""URL parameters -> shared selection: valid values are used, anything else falls back with a note."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.catalogue import CATALOGUE
from indicators.state import KEYS, Selection, resolve

PERIODS = {
    "eyfsp_gld": ("2022/23", "2023/24", "2024/25"),
    "asq3_all_domains": ("2021/22", "2024/25"),
}
DEFAULT_PERIODS = {"eyfsp_gld": "2024/25", "asq3_all_domains": "2021/22"}
AREAS = {"E06000005": "Darlington", "S12000005": "Clackmannanshire"}
GROUPS = {"eyfsp_gld": ("all", "girls", "boys")}


def run(params):
    return resolve(
        params,
        periods_of=PERIODS,
        area_names=AREAS,
        groups_of=GROUPS,
        default_period_of=DEFAULT_PERIODS,
    )


def test_valid_link_round_trips():
    wanted = Selection(
        indicator="eyfsp_gld",
        period="2023/24",
        nation="Scotland",
        area="S12000005",
        benchmark="peers_2021",
        group="girls",
    )
    got = run(wanted.as_params())
    assert got == wanted and got.notes == ()


def test_empty_link_gives_defaults_without_notes():
    got = run({})
    assert (got.indicator, got.period, got.area, got.benchmark, got.notes) == (
        "eyfsp_gld",
        "2024/25",
        None,
        "england",
        (),
    )


def test_default_period_is_the_latest_with_local_figures():
    assert run({"indicator": "asq3_all_domains"}).period == "2021/22"


@pytest.mark.parametrize(
    ("params", "field", "expected", "words"),
    [
        ({"indicator": "nonsense"}, "indicator", "eyfsp_gld", "does not have"),
        ({"period": "1999/00"}, "period", "2024/25", "no data for the period"),
        ({"area": "E99999999"}, "area", None, "No area has the code"),
        ({"nation": "Atlantis"}, "nation", "United Kingdom", "Unknown nation"),
        ({"benchmark": "moon"}, "benchmark", "england", "Unknown benchmark"),
        ({"group": "martians"}, "group", "all", "no breakdown"),
    ],
)
def test_unknown_values_fall_back_with_a_note(params, field, expected, words):
    got = run(params)
    assert getattr(got, field) == expected
    assert len(got.notes) == 1 and words in got.notes[0]


def test_notes_quote_hostile_values_harmlessly():
    got = run({"indicator": "<script>alert(1)</script>" * 20})
    (note,) = got.notes
    # Quoted as text (and short); the page escapes it (tests/unit/test_text.py).
    assert "(<script>alert(1)</script><script>" in note and len(note) < 300
    from indicators.text import escape_markdown

    assert "<" not in escape_markdown(note).replace("\\<", "")


def test_lower_case_area_codes_are_accepted_and_lists_use_the_last_value():
    assert run({"area": "e06000005"}).area == "E06000005"
    assert run({"indicator": ["nonsense", "asq3_all_domains"]}).indicator == "asq3_all_domains"


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([*KEYS, "other"]),
        st.one_of(st.text(max_size=300), st.lists(st.text(max_size=20), max_size=3)),
        max_size=7,
    )
)
def test_any_parameters_give_a_valid_selection(params):
    got = run(params)
    assert got.indicator in CATALOGUE
    assert got.area is None or got.area in AREAS
    assert got.period is None or got.period in PERIODS.get(got.indicator, ())
    assert all(isinstance(note, str) for note in got.notes)


def test_links_with_the_old_asq3_coverage_id_still_open_the_renamed_indicator():
    periods = {"asq3_use_in_reviews": ("2022/23", "2023/24")}
    chosen = resolve(
        {"indicator": "asq3_coverage", "period": "2022/23"},
        periods_of=periods,
        area_names=AREAS,
        groups_of={},
    )
    assert chosen.indicator == "asq3_use_in_reviews" and chosen.period == "2022/23"
    assert chosen.notes == ()
    assert chosen.as_params()["indicator"] == "asq3_use_in_reviews"
