"""Links: values matched regardless of case where that is unambiguous; hostile values quoted
literally in notes; unknown and repeated keys dropped from the address bar."""

from __future__ import annotations

from indicators.state import resolve, shown, tidy_query

PERIODS = {"eyfsp_gld": ("2023/24", "2024/25"), "asq3_all_domains": ("2021/22",)}
AREAS = {"E06000005": "Darlington"}
GROUPS = {"eyfsp_gld": ("all", "girls", "boys")}


def run(params):
    return resolve(params, periods_of=PERIODS, area_names=AREAS, groups_of=GROUPS)


def test_values_match_regardless_of_case():
    got = run(
        {
            "indicator": "EYFSP_GLD",
            "nation": "northern ireland",
            "area": "e06000005",
            "benchmark": "Peers_2025",
            "group": "GIRLS",
            "period": "2023/24",
        }
    )
    assert (got.indicator, got.nation, got.area, got.benchmark, got.group) == (
        "eyfsp_gld",
        "Northern Ireland",
        "E06000005",
        "peers_2025",
        "girls",
    )
    assert got.notes == ()


def test_ambiguous_case_is_not_guessed():
    groups = {"eyfsp_gld": ("all", "girls", "GIRLS")}
    assert resolve({"group": "GIRLS"}, periods_of={}, area_names={}, groups_of=groups).group == (
        "GIRLS"
    )
    got = resolve({"group": "Girls"}, periods_of={}, area_names={}, groups_of=groups)
    assert got.group == "all" and len(got.notes) == 1  # two candidates: fall back, with a note


def test_hostile_value_is_quoted_literally_on_one_line_and_short():
    hostile = "x\n# Heading\n[link](javascript:alert(1))\u202e" + "a" * 100_000
    note = " ".join(run({"nation": hostile}).notes)
    assert "x # Heading [link](javascript:alert(1))" in note
    assert "\n" not in note and "\u202e" not in note
    assert len(note) < 300
    assert shown("plain") == "plain"


def test_unknown_and_repeated_keys_are_dropped():
    params = {
        "indicator": ["eyfsp_gld", "asq3_all_domains"],
        "junk": ["1"],
        "area": ["E06000005"],
        "colour": ["value"],
        "utm_source": ["x", "y"],
    }
    assert tidy_query(params, known=("indicator", "area", "colour")) == {
        "indicator": "asq3_all_domains",
        "area": "E06000005",
        "colour": "value",
    }
