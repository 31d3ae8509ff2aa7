"""The four nations grid (indicators/nations.py) on small hand-made frames.

Every expected value below is worked out by hand from the rows written in this file.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from indicators import nations
from indicators.catalogue import CATALOGUE, get_indicator


def row(indicator_id, area_code, area_name, level, nation, period, value, **extra) -> dict:
    """One tidy row; ``period`` like ``2021/22`` (financial/academic year) or ``2023``."""
    if "/" in period:
        start = int(period[:4])
        begins, ends = f"{start}-04-01", f"{start + 1}-03-31"
    else:
        begins, ends = f"{period}-01-01", f"{period}-12-31"
    return {
        "indicator_id": indicator_id,
        "area_code": area_code,
        "area_name": area_name,
        "area_level": level,
        "nation": nation,
        "period": period,
        "period_start": begins,
        "period_end": ends,
        "breakdown": extra.pop("breakdown", "all"),
        "value": value,
        "status": "ok" if value is not None else "covid_no_data",
        "flags": extra.pop("flags", ""),
        "area_status": extra.pop("area_status", "current"),
        "derivation": "published",
        "source_id": "src",
        "note": "",
    }


ENGLAND_GLD = [
    row("eyfsp_gld", "E92000001", "England", "country", "England", "2017/18", 71.5),
    row("eyfsp_gld", "E92000001", "England", "country", "England", "2018/19", 71.8),
    row("eyfsp_gld", "E92000001", "England", "country", "England", "2019/20", None),
    row("eyfsp_gld", "E92000001", "England", "country", "England", "2021/22", 65.2),
    # not the national "all children" figure: a breakdown, and a region, in a later year
    row(
        "eyfsp_gld",
        "E92000001",
        "England",
        "country",
        "England",
        "2022/23",
        60.0,
        breakdown="girls",
    ),
    row("eyfsp_gld", "E12000001", "North East", "region", "England", "2022/23", 66.0),
    # local authorities: latest period 2021/22 has five ordinary values
    row("eyfsp_gld", "E06000001", "Hartlepool", "la", "England", "2021/22", 60.0),
    row("eyfsp_gld", "E06000002", "Middlesbrough", "la", "England", "2021/22", 70.0),
    row("eyfsp_gld", "E06000003", "Redcar and Cleveland", "la", "England", "2021/22", 65.0),
    row("eyfsp_gld", "E06000004", "Stockton-on-Tees", "la", "England", "2021/22", 80.0),
    row("eyfsp_gld", "E06000005", "Darlington", "la", "England", "2021/22", 75.0),
    # kept out: a tiny cohort, a predecessor area, an older period
    row(
        "eyfsp_gld",
        "E06000053",
        "Isles of Scilly",
        "la",
        "England",
        "2021/22",
        95.0,
        flags="tiny_cohort",
    ),
    row(
        "eyfsp_gld",
        "E10000021",
        "Northamptonshire",
        "la",
        "England",
        "2021/22",
        10.0,
        area_status="predecessor",
    ),
    row("eyfsp_gld", "E06000001", "Hartlepool", "la", "England", "2018/19", 99.0),
]
WALES_LBW = [
    row("wales_low_birth_weight", "W06000001", "Isle of Anglesey", "la", "Wales", "2023", 6.0),
    row("wales_low_birth_weight", "W06000002", "Gwynedd", "la", "Wales", "2023", 9.0),
    row("wales_low_birth_weight", "W06000003", "Conwy", "la", "Wales", "2023", 7.5),
]
NI_TRUSTS = [
    ("BHSCT", "Belfast HSC Trust", 5.6),
    ("NHSCT", "Northern HSC Trust", 3.7),
    ("SEHSCT", "South Eastern HSC Trust", 5.2),
    ("SHSCT", "Southern HSC Trust", 4.2),
    ("WHSCT", "Western HSC Trust", 3.6),
]
NI_INFANT_MORTALITY = [
    row("ni_infant_mortality_trust", code, name, "health_board", "Northern Ireland", "2022", value)
    for code, name, value in NI_TRUSTS
]


@pytest.fixture
def tidy() -> pd.DataFrame:
    return pd.DataFrame(ENGLAND_GLD + WALES_LBW + NI_INFANT_MORTALITY)


@pytest.mark.parametrize(
    ("indicator_id", "stage"),
    [
        ("hv_new_birth_visit_14d", "Birth"),  # age band "Birth to 2 weeks"
        ("ni_low_birth_weight", "Birth"),
        ("scot_exclusive_bf_6_8wk", "6–8 weeks"),
        ("ni_infant_mortality_trust", "1 year"),  # age band "12 months"
        ("scot_concern_27_30m", "2–2½ years"),
        ("eyfsp_gld", "5 years"),
        ("ni_overweight_school", "5 years"),  # no age band: by its topic
        ("wales_hcwp_3_5_years", None),  # 3½ years: none of the five stages
        ("scot_vaccine_coverage", None),  # immunisation over many ages
        ("childrens_centres_n", None),  # a service, not a stage
    ],
)
def test_the_stage_of_an_indicator(indicator_id, stage):
    assert nations.stage_of(get_indicator(indicator_id)) == stage


def test_latest_national_value_and_period_by_hand(tidy):
    series = nations.national_series(tidy, get_indicator("eyfsp_gld"), "England")
    # 2019/20 stays (no value), the girls' and the region's 2022/23 rows are not national
    assert series["period"].tolist() == ["2017/18", "2018/19", "2019/20", "2021/22"]
    latest = nations.latest_national(series)
    assert (latest["period"], latest["value"]) == ("2021/22", 65.2)
    cell = grid_cell(tidy, "5 years", "development at 5", "England")
    assert (cell["national"], cell["national_period"]) == ("65.2%", "2021/22")


def test_spread_min_median_max_n_by_hand(tidy):
    spread = nations.area_spread(tidy, get_indicator("eyfsp_gld"), "England")
    # 60, 65, 70, 75, 80 in 2021/22: Scilly (tiny cohort), Northamptonshire (predecessor) and
    # Hartlepool's 2018/19 value are not part of it
    assert sorted(spread["value"]) == [60.0, 65.0, 70.0, 75.0, 80.0]
    left_out: list[str] = []
    nations.area_spread(tidy, get_indicator("eyfsp_gld"), "England", excluded=left_out)
    assert left_out == ["Isles of Scilly"]
    summary = nations.spread_summary(spread, "England")
    assert (summary.n, summary.minimum, summary.median, summary.maximum) == (5, 60.0, 70.0, 80.0)
    assert (summary.lowest_area, summary.highest_area) == ("Hartlepool", "Stockton-on-Tees")
    cell = grid_cell(tidy, "5 years", "development at 5", "England")
    # gap 80 - 60 = 20 points; ratio 80 / 60 = 1.333…
    assert "Across 5 local authorities in 2021/22" in cell["spread_text"]
    assert "20.0 percentage points above the lowest (1.33 times the lowest)" in cell["spread_text"]
    assert "Isles of Scilly" in cell["spread_text"]
    assert (cell["spread_min"], cell["spread_median"], cell["spread_max"]) == (60.0, 70.0, 80.0)


def test_a_series_break_splits_the_trend(tidy):
    indicator = get_indicator("eyfsp_gld")  # break between 2018/19 and 2021/22
    series = nations.national_series(tidy, indicator, "England")
    assert series["segment"].tolist() == [0, 0, 0, 1]
    spread = nations.area_spread(tidy, indicator, "England")
    figure = nations.figure_for_cell(series, spread, indicator_id="eyfsp_gld", nation="England")
    lines = [trace for trace in figure.data if trace.type == "scatter"]
    # positions 0..3 = 2017/18, 2018/19, 2019/20, 2021/22: one line up to the COVID gap, one after
    assert [list(trace.x) for trace in lines] == [[0, 1, 2], [3]]
    assert list(lines[0].y) == [71.5, 71.8, None]
    assert any(shape.type == "line" for shape in figure.layout.shapes)  # the break's rule


def test_a_nation_with_only_local_figures_says_no_national_figure(tidy):
    cell = grid_cell(tidy, "Birth", "birth weight", "Wales")
    assert cell["status"] == "measured"
    assert cell["national"] == "No national figure published"
    assert pd.isna(cell["national_value"]) and cell["national_period"] == ""
    assert "local figures only" in cell["national_text"]
    # and its spread instead: 6.0, 7.5, 9.0
    assert (cell["spread_n"], cell["spread_median"]) == (3, 7.5)


def test_ni_trust_measure_spreads_over_five_trusts(tidy):
    cell = grid_cell(tidy, "1 year", "infant mortality", "Northern Ireland")
    assert cell["spread_n"] == 5 and cell["spread_geography"] == "HSC trusts"
    assert "Across 5 HSC trusts" in cell["spread_text"]
    assert (cell["spread_min"], cell["spread_median"], cell["spread_max"]) == (3.6, 4.2, 5.6)


def test_ni_trust_measure_in_the_shipped_data_counts_five_trusts_not_eleven_councils():
    from indicators import data

    indicators = data.read_indicators()
    spread = nations.area_spread(
        indicators, get_indicator("ni_infant_mortality_trust"), "Northern Ireland"
    )
    assert sorted(spread["area_name"]) == sorted(name for _, name, _ in NI_TRUSTS)


def test_not_collected_cells_say_what_the_nation_measures_instead(tidy):
    cell = grid_cell(tidy, "5 years", "development at 5", "Wales")
    assert cell["status"] == "not_collected"
    assert "Wales publishes no assessment of development at age 5" in cell["text"]


def test_comparability_labels_never_rank(tidy):
    wales = grid_cell(tidy, "Birth", "birth weight", "Wales")
    # Wales' and NI's low birth weight are different indicators of one group; Scotland's
    # "not healthy birth weight" too (no rows here, but the catalogue says what it measures)
    assert wales["comparability"] == "Same concept, different measure"
    assert "Low birth weight (under 2,500 g)" in wales["comparability_text"]
    england = grid_cell(tidy, "5 years", "development at 5", "England")
    assert england["comparability"] == "Only this nation"


def test_a_new_catalogue_entry_appears_without_code_changes(tidy):
    """What the LAIT additions will do: an English birth-weight measure fills England's cell."""
    new = dataclasses.replace(
        get_indicator("wales_low_birth_weight"),
        id="test_lbw_term_england",
        short_title="Low birth weight of term babies",
        nations=("England",),
    )
    rows = tidy.assign()
    rows = pd.concat(
        [
            rows,
            pd.DataFrame(
                [
                    row(
                        "test_lbw_term_england",
                        "E92000001",
                        "England",
                        "country",
                        "England",
                        "2023",
                        2.9,
                    )
                ]
            ),
        ]
    )
    grid = nations.four_nations_grid(rows, catalogue={**CATALOGUE, new.id: new})
    cell = grid.cell("Birth", "birth weight", "England")
    assert (cell["status"], cell["indicator_id"], cell["national"]) == (
        "measured",
        "test_lbw_term_england",
        "2.9%",
    )


def test_text_from_data_is_escaped_in_the_figure():
    spread = pd.DataFrame(
        [row("wales_low_birth_weight", "W06000001", "<b>Bold</b> & co", "la", "Wales", "2023", 6.0)]
    )
    figure = nations.figure_for_cell(
        pd.DataFrame(columns=["period", "value", "segment"]),
        spread,
        indicator_id="wales_low_birth_weight",
        nation="Wales",
    )
    assert figure.data[0].text == ("&lt;b&gt;Bold&lt;/b&gt; &amp; co: 6.0%",)


def test_headline_facts_by_nation_label_their_source_type():
    facts = pd.DataFrame(
        {
            "topic": ["Health visitor workforce", "CAMHS"],
            "area_name": ["Scotland", "England"],
            "area_code": ["S92000003", "E92000001"],
            "period": ["2017-03", "2019"],
            "value": ["1357", "42"],
            "unit": ["WTE", "%"],
            "quote": ["1,357 WTE", "42%"],
            "source_type": ["secondary_news_reporting_official", "ngo_report"],
            "source_title": ["A paper", "A report"],
            "source_url": ["https://example.org/a", "https://example.org/b"],
        }
    )
    scotland = nations.nation_facts(facts, "Scotland")
    assert scotland["Value"].tolist() == ["1,357"]
    assert scotland["Source type"].tolist() == ["Secondary: news report of an official figure"]
    assert nations.nation_facts(facts, "Wales").empty


def grid_cell(tidy: pd.DataFrame, stage: str, topic: str, nation: str) -> pd.Series:
    return nations.four_nations_grid(tidy).cell(stage, topic, nation)


def test_a_small_change_does_not_fill_the_trend_axis():
    # 85.2% and 86.4%: 1.2 points apart, drawn on at least 10 points (80.8 to 90.8)
    low, high = nations.value_range([86.4, 85.2], get_indicator("hv_new_birth_visit_14d"))
    assert high - low == pytest.approx(10.0)
    assert (low, high) == pytest.approx((80.8, 90.8))
    # a % axis never leaves 0–100
    assert nations.value_range([97.0, 99.5], get_indicator("eyfsp_gld"))[1] == 100.0


def test_the_spread_marks_the_national_figure_of_the_same_period():
    tidy = pd.DataFrame(ENGLAND_GLD)
    indicator = get_indicator("eyfsp_gld")
    series = nations.national_series(tidy, indicator, "England")
    figure = nations.figure_for_cell(
        series,
        nations.area_spread(tidy, indicator, "England"),
        indicator_id="eyfsp_gld",
        nation="England",
    )
    marks = [shape for shape in figure.layout.shapes if shape.xref == "x2"]
    assert [(m.x0, m.x1) for m in marks] == [(65.2, 65.2)]  # England 2021/22, by hand above


def test_the_four_nations_slide_shows_the_stage_row_side_by_side():
    from indicators import deck

    tidy = pd.DataFrame(
        [
            row(
                "hv_new_birth_visit_14d",
                "E92000001",
                "England",
                "country",
                "England",
                "2017/18",
                88.0,
            ),
            row(
                "hv_new_birth_visit_14d",
                "E92000001",
                "England",
                "country",
                "England",
                "2024/25",
                85.2,
            ),
            row("wales_hcwp_10_14_days", "W92000004", "Wales", "country", "Wales", "2018", 91.0),
            row("wales_hcwp_10_14_days", "W92000004", "Wales", "country", "Wales", "2024", 92.0),
        ]
    )
    sources = pd.DataFrame(columns=["title", "publisher", "url"]).rename_axis("source_id")
    view = deck.slide_view(
        deck.Slide("nations", "hv_new_birth_visit_14d"),
        indicators=tidy,
        areas=pd.DataFrame(),
        neighbours=pd.DataFrame(),
        sources=sources,
        facts=pd.DataFrame(),
        team_counts=pd.DataFrame(),
        boundaries={},
    )
    assert view.problem == ""
    assert view.title == "Four nations at Birth: health visiting"
    assert view.period == "2024/25, 2024"
    lines = [trace for trace in view.figure.data if trace.type == "scatter"]
    assert [list(trace.y) for trace in lines] == [[88.0, 85.2], [91.0, 92.0]]  # own axes each
    assert {trace.yaxis for trace in lines} == {"y", "y3"}
    assert not [trace for trace in view.figure.data if trace.type == "bar"]  # nothing ranked
    headings = [a.text for a in view.figure.layout.annotations]
    assert "<b>Scotland</b><br>not collected" in headings
    assert "<b>Northern Ireland</b><br>not collected" in headings


@pytest.mark.parametrize(
    ("code", "name", "place"),
    [
        ("N92000002", "Northern Ireland", "Northern Ireland"),
        ("", "Southern HSC Trust (SHSCT)", "Northern Ireland"),  # a trust, with no GSS code
        ("K02000001", "United Kingdom", "United Kingdom"),
        ("", "Somewhere else", "Somewhere else"),
    ],
)
def test_a_quoted_fact_is_placed_in_its_nation(code, name, place):
    assert nations.fact_place(code, name) == place


def test_a_cell_leads_with_the_most_recent_national_figure_and_lists_the_others():
    tidy = pd.DataFrame(
        [
            row("asq3_all_domains", "E92000001", "England", "country", "England", "2020/21", 80.0),
            row("asq3_all_domains", "E92000001", "England", "country", "England", "2021/22", 81.0),
            row(
                "asq3_communication", "E92000001", "England", "country", "England", "2022/23", 85.5
            ),
        ]
    )
    cell = grid_cell(tidy, "2–2½ years", "development at 2", "England")
    assert (cell["indicator_id"], cell["national"]) == ("asq3_communication", "85.5%")
    assert "ASQ-3 all five areas" in cell["also"]
