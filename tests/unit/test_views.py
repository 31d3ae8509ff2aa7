"""Views on the small SYNTHETIC fixture (tests/fixtures/data), against answers worked by hand.

The fixture's ASQ-3 2021/22 figures (invented):

| area          | region     | value | 95% CI       | 99.8% CI     | counts  |
| ------------- | ---------- | ----- | ------------ | ------------ | ------- |
| England       |            | 80.0  |              |              |         |
| North East    |            | 70.0  |              |              |         |
| North West    |            | 85.0  |              |              |         |
| Hartlepool    | North East | 60.0  | 55.6 to 64.2 | 53.2 to 66.5 | 300/500 |
| Middlesbrough | North East | 72.0  | 67.9 to 75.8 | 65.5 to 78.0 | 360/500 |
| Darlington    | North East | 90.0  | 87.1 to 92.3 | 85.4 to 93.5 | 450/500 |
| Halton        | North West | 84.0  | 80.5 to 87.0 | 78.5 to 88.6 | 420/500 |
| Warrington    | North West | suppressed (c)                                 |

So, by hand: against England (80.0) Hartlepool and Middlesbrough are worse (CI below 80),
Darlington and Halton better (CI above 80). Against each area's own region, Middlesbrough's
CI contains 70.0 and Halton's contains 85.0 (similar). Darlington's 2025 neighbours are
Hartlepool, Middlesbrough and Halton: pooled (300 + 360 + 420) / 1500 = 72.0%.
"""

from __future__ import annotations

import pytest

from indicators import views
from indicators.state import Selection

CODES = [
    "E06000001",
    "E06000002",
    "E06000005",
    "E06000006",
    "E06000007",
    "N09000003",
    "S12000036",
    "W06000015",
]


def view(fixture_data, **kwargs) -> object:
    confidence = kwargs.pop("confidence", "95")
    selection = Selection(**{"indicator": "asq3_all_domains", "period": "2021/22", **kwargs})
    return views.map_view(
        fixture_data["indicators"],
        fixture_data["areas"],
        fixture_data["neighbours"],
        selection,
        confidence=confidence,
    ), selection


@pytest.mark.parametrize(
    ("benchmark", "confidence", "expected"),
    [
        ("england", "95", ["Worse", "Worse", "Better", "Better", "Not compared"]),
        ("england", "99.8", ["Worse", "Worse", "Better", "Similar", "Not compared"]),
        ("region", "95", ["Worse", "Similar", "Better", "Similar", "Not compared"]),
        ("peers_2025", "95", ["Worse", "Not compared", "Better", "Not compared", "Not compared"]),
    ],
)
def test_comparisons_match_the_hand_key(fixture_data, benchmark, confidence, expected):
    table, _ = view(fixture_data, benchmark=benchmark, confidence=confidence)
    assert list(table["area_code"]) == CODES
    assert list(table["comparison_label"].iloc[:5]) == expected


def test_region_benchmark_is_each_areas_own_region(fixture_data):
    table, selection = view(fixture_data, benchmark="region")
    assert list(table["benchmark_label"].iloc[:5]) == ["North East"] * 3 + ["North West"] * 2
    assert list(table["benchmark_value"].iloc[:5]) == [70.0, 70.0, 70.0, 85.0, 85.0]
    shown = views.display_table(views.table_for_download(table, selection))
    assert "Compared with its own region" in shown.columns
    assert not [c for c in shown.columns if c == "Compared with North East"]
    assert list(shown["Benchmark"]) == [
        "North East (70.0%)",
        "North East (70.0%)",
        "North East (70.0%)",
        "North West (85.0%)",
        "North West (85.0%)",
        "",
        "",
        "",
    ]


def test_england_benchmark_is_named(fixture_data):
    table, selection = view(fixture_data, benchmark="england")
    shown = views.display_table(views.table_for_download(table, selection))
    assert list(shown["Compared with England"].iloc[:5]) == [
        "Worse",
        "Worse",
        "Better",
        "Better",
        "Not compared",
    ]


def test_peer_benchmark_is_the_pooled_neighbours(fixture_data):
    table, _ = view(fixture_data, benchmark="peers_2025")
    darlington = table.set_index("area_code").loc["E06000005"]
    assert darlington["benchmark_value"] == pytest.approx(72.0)
    hartlepool = table.set_index("area_code").loc["E06000001"]
    assert hartlepool["benchmark_value"] == pytest.approx(81.0)  # (360 + 450) / 1000


def test_ranks_and_missing_counts(fixture_data):
    table, selection = view(fixture_data)
    shown = views.display_table(views.table_for_download(table, selection))
    assert list(shown["Rank (1 = best)"]) == ["4 of 4", "3 of 4", "1 of 4", "2 of 4"] + ["–"] * 4
    assert list(shown["Count (numerator)"]) == ["300", "360", "450", "420"] + ["–"] * 4
    assert list(shown["Value (%)"]) == ["60.0", "72.0", "90.0", "84.0"] + ["–"] * 4
    assert list(shown["95% confidence interval"].iloc[:4]) == [
        "55.6 to 64.2",
        "67.9 to 75.8",
        "87.1 to 92.3",
        "80.5 to 87.0",
    ]
    text = shown.astype(str).to_string()
    assert "None" not in text and "nan" not in text and "<NA>" not in text


def test_units_case_rate_is_not_a_percentage(fixture_data):
    table, selection = view(
        fixture_data, indicator="childrens_centres_per_1000_under5", period="2026"
    )
    shown = views.display_table(views.table_for_download(table, selection))
    heading = "Children's centres per 1,000 under-5s"
    assert list(shown[heading]) == ["0.78", "0.85", "0.12", "1.50", "0.50", "–", "–", "–"]
    assert list(shown["Out of (denominator)"].iloc[:5]) == [
        "5,147",
        "9,431",
        "8,333",
        "6,000",
        "10,000",
    ]
    # Highest first for a "no judgement" indicator: Halton 1.5, Middlesbrough 0.85, ...
    assert list(shown["Rank (1 = highest)"].iloc[:5]) == [
        "3 of 5",
        "2 of 5",
        "5 of 5",
        "1 of 5",
        "4 of 5",
    ]
    cells = " ".join(shown.astype(str).to_numpy().ravel())
    assert "%" not in cells


def test_availability_categories_say_why_there_is_no_value(fixture_data):
    table, _ = view(fixture_data)
    by_code = table.set_index("area_code")
    assert by_code.loc["E06000007", "availability"] == "suppressed"
    assert by_code.loc["W06000015", "availability"] == "not_collected"
    assert by_code.loc["E06000005", "availability"] == "value"
    assert by_code.loc["E06000005", "availability_label"] == ""
    assert by_code.loc["W06000015", "availability_label"] == "Not collected in this nation"


def test_welsh_areas_on_a_welsh_national_indicator_are_not_published_here(fixture_data):
    table, _ = view(fixture_data, indicator="wales_hcwp_16_weeks", period="2024")
    by_code = table.set_index("area_code")
    assert by_code.loc["W06000015", "availability"] == "not_published"
    assert by_code.loc["W06000015", "status_label"].startswith(
        "Not published at this level in Wales"
    )
    assert by_code.loc["E06000005", "availability"] == "not_collected"
    assert "Suppressed or not available" not in table["status_label"].to_string()


def test_health_visitor_map_has_no_local_figures(fixture_data):
    table, _ = view(fixture_data, indicator="hv_review_6_8_week", period="2024/25")
    england = table[table["nation"] == "England"]
    assert set(england["availability"]) == {"not_published"}
    assert england["status_label"].str.contains("not in the bundled data").all()
    found = views.national_figures(fixture_data["indicators"], indicator_id="hv_review_6_8_week")
    assert found is not None
    assert list(found.table["Area"]) == ["England", "England", "North East"]
    assert list(found.table["Period"]) == ["2017/18 Q1", "2024/25", "2024/25"]
    assert list(found.table["Value (%)"]) == ["81.5", "79.0", "88.0"]
    assert "What the bundled data has: England, 2017/18 Q1 and 2024/25; North East, 2024/25." in (
        found.sentence
    )
    assert "Only 1 of the 9 English regions has a figure." in found.sentence
    assert "refresh" not in found.sentence
    assert (
        views.national_figures(fixture_data["indicators"], indicator_id="asq3_all_domains") is None
    )


def test_latest_never_picks_an_older_quarter(fixture_data):
    rows = fixture_data["indicators"]
    england = rows[
        (rows["indicator_id"] == "asq3_all_domains") & (rows["area_code"] == "E92000001")
    ]
    assert views.latest_period(england) == "2021/22"
    options = views.selection_options(rows, fixture_data["areas"])
    assert options.default_period_of["asq3_all_domains"] == "2021/22"
    assert options.default_period_of["hv_review_6_8_week"] == "2024/25"


def test_profile_sentences_by_hand(fixture_data):
    profile = views.profile_view(
        fixture_data["indicators"],
        fixture_data["areas"],
        fixture_data["neighbours"],
        area_code="E06000005",
        benchmark="region",
    ).set_index("indicator_id")
    assert profile.loc["asq3_all_domains", "summary"] == (
        "In 2021/22, 90.0% of children reviewed in Darlington were at or above the expected "
        "level in all five areas: communication, gross motor, fine motor, problem solving and "
        "personal-social skills at 2–2½ years, significantly higher (better) than England "
        "(80.0%) and significantly higher (better) than its region (North East; 70.0%); "
        "ranked 1 of 4 English local authorities (1 = best)."
    )
    assert profile.loc["childrens_centres_per_1000_under5", "summary"] == (
        "In 2026, Darlington had 0.12 open children's centres per 1,000 under-5s; ranked 5 of "
        "5 English local authorities (1 = highest)."
    )
    shown = views.profile_table(profile.reset_index())
    assert list(shown["Value"]) == ["90.0%", "0.12 per 1,000 under-5s"]
    assert shown["Benchmark"].iloc[0] == "North East (70.0%)"


def test_benchmark_notice_for_areas_outside_england(fixture_data):
    areas = fixture_data["areas"]
    notice = views.benchmark_notice(areas, area_code="S12000036", benchmark="peers_2025")
    assert "England-only" in notice and "compare with Scotland" in notice
    assert "City of Edinburgh" in notice
    assert views.benchmark_notice(areas, area_code="W06000015", benchmark="region").startswith(
        "English regions are for English areas only"
    )
    assert views.benchmark_notice(areas, area_code="E06000005", benchmark="peers_2025") == ""
    assert views.benchmark_notice(areas, area_code="S12000036", benchmark="nation") == ""


def test_compare_caption_names_its_own_region(fixture_data):
    table, _ = view(fixture_data, benchmark="region")
    caption = views.benchmark_caption(table)
    assert caption.startswith("Each area is compared with its own region")
    assert "its own its" not in caption
    table, _ = view(fixture_data, benchmark="peers_2025")
    caption = views.benchmark_caption(table)
    assert "its own statistical neighbours (DfE 2025 model)" in caption
    assert "its own its" not in caption


def test_benchmark_phrase_names_the_benchmark(fixture_data):
    areas = fixture_data["areas"]
    assert views.benchmark_phrase(areas, area_code="E06000005", benchmark="region") == (
        "its region (North East)"
    )
    assert views.benchmark_phrase(areas, area_code="S12000036", benchmark="nation") == "Scotland"
    assert views.benchmark_phrase(areas, area_code="E06000005", benchmark="peers_2025") == (
        "its statistical neighbours (2025 model)"
    )
    assert views.benchmark_phrase(areas, area_code="E06000005", benchmark="england") == "England"


def test_funnel_only_for_percentages():
    assert views.funnel_applies("asq3_all_domains")
    assert not views.funnel_applies("childrens_centres_per_1000_under5")
    assert not views.funnel_applies("family_hubs_start_for_life")
