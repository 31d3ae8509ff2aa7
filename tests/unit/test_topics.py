"""UK by topic: each nation's own measure, scale and geography (tiny hand-made frames).

Hand-worked answers (the frame below, invented numbers on real codes):

- birth weight: Wales 2023 Cardiff 5.0, Anglesey 7.0 (an older 2022 Cardiff 9.0 is not the
  latest, so not drawn) -> scale 5.0 to 7.0; Scotland Edinburgh 20.0, Glasgow 30.0 -> 20.0 to
  30.0; Northern Ireland Belfast 6.0, Antrim and Newtownabbey 5.0 -> 5.0 to 6.0. England has
  no row: not in this dashboard.
- immunisation: NI trust values 90, 92, 88, 94, 91 (BHSCT, NHSCT, SEHSCT, SHSCT, WHSCT) ->
  88 to 94, drawn on the 5 trusts; the Belfast council row repeating the Belfast trust's 90
  (as a careless reader might store it) is never drawn. Wales 80, 85 -> 80 to 85.
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from indicators import geography, paths, topics
from indicators.catalogue import get_indicator
from indicators.schema import NI_TRUST_CODES

TRUSTS = ["BHSCT", "NHSCT", "SEHSCT", "SHSCT", "WHSCT"]
MAP_AREAS = [
    ("E06000001", "Hartlepool", "England"),
    ("W06000015", "Cardiff", "Wales"),
    ("W06000001", "Isle of Anglesey", "Wales"),
    ("S12000036", "City of Edinburgh", "Scotland"),
    ("S12000049", "Glasgow <b>City</b>", "Scotland"),
    ("N09000001", "Antrim and Newtownabbey", "Northern Ireland"),
    ("N09000003", "Belfast", "Northern Ireland"),
]


def _row(indicator_id, code, name, nation, period, start, end, value, level="la"):
    return {
        "indicator_id": indicator_id,
        "area_code": code,
        "area_name": name,
        "area_level": level,
        "nation": nation,
        "period": period,
        "period_start": start,
        "period_end": end,
        "breakdown": "all",
        "value": value,
        "lower_ci95": None,
        "upper_ci95": None,
        "status": "ok",
        "source_id": "test_source",
    }


@pytest.fixture
def frames():
    year_2023 = ("2023", "2023-01-01", "2023-12-31")
    year_2022 = ("2022", "2022-01-01", "2022-12-31")
    fy = ("2022/23", "2022-04-01", "2023-03-31")
    three = ("2020/21 to 2022/23", "2020-04-01", "2023-03-31")
    rows = [
        _row("wales_low_birth_weight", "W06000015", "Cardiff", "Wales", *year_2023, 5.0),
        _row("wales_low_birth_weight", "W06000001", "Isle of Anglesey", "Wales", *year_2023, 7.0),
        _row("wales_low_birth_weight", "W06000015", "Cardiff", "Wales", *year_2022, 9.0),
        _row(
            "scot_not_healthy_birthweight",
            "S12000036",
            "City of Edinburgh",
            "Scotland",
            *three,
            20.0,
        ),
        _row(
            "scot_not_healthy_birthweight",
            "S12000049",
            "Glasgow <b>City</b>",
            "Scotland",
            *three,
            30.0,
        ),
        _row("ni_low_birth_weight", "N09000003", "Belfast", "Northern Ireland", *fy, 6.0),
        _row(
            "ni_low_birth_weight",
            "N09000001",
            "Antrim and Newtownabbey",
            "Northern Ireland",
            *fy,
            5.0,
        ),
        _row("wales_immunised_by_4", "W06000015", "Cardiff", "Wales", *fy, 80.0),
        _row("wales_immunised_by_4", "W06000001", "Isle of Anglesey", "Wales", *fy, 85.0),
        # A trust value repeated on a council: must never be drawn as a council figure.
        _row("ni_vaccine_coverage_trust", "N09000003", "Belfast", "Northern Ireland", *fy, 90.0),
    ]
    for code, value in zip(TRUSTS, (90.0, 92.0, 88.0, 94.0, 91.0), strict=True):
        rows.append(
            _row(
                "ni_vaccine_coverage_trust",
                code,
                f"{NI_TRUST_CODES[code]} HSC Trust",
                "Northern Ireland",
                *fy,
                value,
                level="health_board",
            )
        )
    indicators = pd.DataFrame(rows)
    areas = pd.DataFrame(
        [
            {"area_code": c, "area_name": n, "nation": nation, "area_level": "la", "in_map": True}
            for c, n, nation in MAP_AREAS
        ]
        + [
            {
                "area_code": code,
                "area_name": f"{NI_TRUST_CODES[code]} HSC Trust",
                "nation": "Northern Ireland",
                "area_level": "health_board",
                "in_map": False,
            }
            for code in TRUSTS
        ]
    )
    sources = pd.DataFrame(
        [
            {
                "id": "test_source",
                "title": "Test source",
                "publisher": "Tester",
                "url": "https://example.invalid/",
                "licence": "Open Government Licence v3.0",
            }
        ]
    ).set_index("id")
    return indicators, areas, sources


def _figure(view):
    return topics.figure_for_topic_map(
        view, area_boundaries="areas.geojson", trust_boundaries="trusts.geojson"
    )


def _by_nation(view):
    return {measure.nation: measure for measure in view.measures}


def test_each_measure_has_its_own_scale(frames):
    view = topics.topic_map_view(*frames, topic_id="birth-weight")
    measures = _by_nation(view)
    assert set(measures) == {"Wales", "Scotland", "Northern Ireland"}
    expected = {"Wales": (5.0, 7.0), "Scotland": (20.0, 30.0), "Northern Ireland": (5.0, 6.0)}
    for nation, (low, high) in expected.items():
        assert (measures[nation].low, measures[nation].high) == (low, high)
    assert measures["Wales"].period == "2023"  # the latest, not 2022's 9.0
    assert measures["Wales"].values["value"].tolist() == [7.0, 5.0]  # W06000001, W06000015

    figure = _figure(view)
    layout = figure.layout.to_plotly_json()
    painted = [t for t in figure.data if t.type == "choropleth" and t.coloraxis]
    assert len(painted) == 3
    assert len({t.coloraxis for t in painted}) == 3  # one colour axis per measure
    for trace in painted:
        nation = next(n for n in expected if trace.name.startswith(n))
        axis = layout[trace.coloraxis]
        assert (axis["cmin"], axis["cmax"]) == expected[nation]
        title = axis["colorbar"]["title"]["text"]
        assert title.startswith(nation)
        assert get_indicator(measures[nation].indicator.id).short_title.split(" (")[0] in title
        assert measures[nation].period in title.replace("<br>", " ")


def test_periods_differ_and_are_said(frames):
    view = topics.topic_map_view(*frames, topic_id="birth-weight")
    assert "Periods differ by nation" in view.periods_note
    for period in ("Wales 2023", "Scotland 2020/21 to 2022/23", "Northern Ireland 2022/23"):
        assert period in view.periods_note


def test_lower_is_better_puts_the_dark_end_at_the_low_values(frames):
    view = topics.topic_map_view(*frames, topic_id="birth-weight")
    wales = _by_nation(view)["Wales"]
    scale = topics.colour_scale(wales.indicator, "Wales")  # lower is better: dark at the low end
    assert scale[0] == [0.0, "#006d2c"] and scale[-1] == [1.0, "#c7e9c0"]  # ColorBrewer Greens
    figure = _figure(view)
    hues = {
        trace.name.split(":")[0]: figure.layout[trace.coloraxis].colorscale[-1][1]
        for trace in figure.data
        if trace.type == "choropleth" and trace.coloraxis
    }
    assert len(set(hues.values())) == 3  # each nation's measure in its own hue


def test_ni_trust_values_are_drawn_once_per_trust_never_per_council(frames):
    view = topics.topic_map_view(*frames, topic_id="immunisation")
    ni = _by_nation(view)["Northern Ireland"]
    assert ni.layer == topics.TRUSTS_LAYER
    assert ni.values["area_code"].tolist() == TRUSTS
    assert (ni.low, ni.high) == (88.0, 94.0)
    figure = _figure(view)
    ni_traces = [t for t in figure.data if t.type == "choropleth" and t.geojson == "trusts.geojson"]
    assert len(ni_traces) == 1
    assert sorted(ni_traces[0].locations) == TRUSTS
    every_location = [code for t in figure.data if t.type == "choropleth" for code in t.locations]
    assert not [code for code in every_location if code.startswith("N09")]
    assert every_location.count("BHSCT") == 1
    # The trust-drawn nation's councils are not drawn grey either: the trusts cover them.
    assert not view.unpainted["area_code"].str.startswith("N09").any()
    table = view.table[view.table["Nation"] == "Northern Ireland"]
    assert table["Area code"].tolist() == TRUSTS
    assert set(table["Geography"]) == {"Health and Social Care trusts"}


def test_a_nation_without_a_measure_is_labelled_not_published(frames):
    view = topics.topic_map_view(*frames, topic_id="development-at-5")
    gaps = {gap.nation: gap for gap in view.gaps}
    assert {"Wales", "Scotland", "Northern Ireland"} <= set(gaps)
    wales = gaps["Wales"]
    assert wales.kind == "not_collected"
    # The catalogue's own words for what Wales measures instead.
    assert wales.label == get_indicator("eyfsp_gld").not_collected_label("Wales")
    assert "Wales" in wales.label
    figure = _figure(view)
    legend = [t.name for t in figure.data if t.type == "scattergeo"]
    assert "Wales: not in this dashboard" in legend
    welsh = view.unpainted[view.unpainted["nation"] == "Wales"]
    assert sorted(welsh["area_code"]) == ["W06000001", "W06000015"]
    assert set(welsh["reason"]) == {"not_published"}
    grey = next(
        t
        for t in figure.data
        if t.type == "choropleth" and "W06000015" in t.locations and not t.coloraxis
    )
    assert grey.colorscale[0][1] == topics.NOT_PUBLISHED_GREY


def test_england_without_rows_is_not_published_on_birth_weight(frames):
    view = topics.topic_map_view(*frames, topic_id="birth-weight")
    assert "England" not in _by_nation(view)
    assert [gap.nation for gap in view.gaps] == ["England"]
    assert view.gaps[0].label.startswith("Not in this dashboard")
    assert view.gaps[0].kind in ("not_collected", "not_published")
    england = view.unpainted[view.unpainted["nation"] == "England"]
    assert england["area_code"].tolist() == ["E06000001"]


def test_hover_text_is_escaped(frames):
    figure = _figure(topics.topic_map_view(*frames, topic_id="birth-weight"))
    hover = " ".join(text for t in figure.data if t.type == "choropleth" for text in t.hovertext)
    assert "Glasgow &lt;b&gt;City&lt;/b&gt;" in hover
    assert "<b>City</b>" not in hover


def test_the_table_has_every_area_drawn_with_measure_period_source_and_licence(frames):
    view = topics.topic_map_view(*frames, topic_id="birth-weight")
    assert len(view.table) == 6  # 2 Welsh + 2 Scottish + 2 NI areas
    cardiff = view.table[view.table["Area code"] == "W06000015"].iloc[0]
    assert cardiff["Value"] == 5.0
    assert cardiff["Period"] == "2023"
    assert cardiff["Source"] == "Test source"
    assert cardiff["Licence"] == "Open Government Licence v3.0"
    assert cardiff["Measure"] == get_indicator("wales_low_birth_weight").title


def test_comparability_is_explained_and_nothing_is_ranked(frames):
    view = topics.topic_map_view(*frames, topic_id="birth-weight")
    assert len(view.comparability) == 1
    sentence = view.comparability[0]
    assert sentence.startswith("Wales, Scotland and Northern Ireland")
    assert "birth_weight" in sentence and "Why:" in sentence
    # The catalogue's shared sentence is said once, not once per nation.
    assert sentence.count("Not comparable across nations") == 1
    assert "rank" not in " ".join(view.table.columns).lower()


def test_the_served_trust_boundaries_are_the_five_trusts():
    collection = json.loads((paths.DATA_DIR / paths.TRUST_BOUNDARIES_FILE).read_text("utf-8"))
    assert sorted(f["id"] for f in collection["features"]) == TRUSTS
    raw = geography.read_raw_trust_boundaries(
        paths.DEFAULT_RAW_DIR / "geography" / "ni_hsc_trusts_2017.geojson"
    )
    assert raw["area_code"].tolist() == TRUSTS
    coverage = geography.check_coverage(geography.simplify_boundaries(raw))
    assert coverage["invalid_geometries"] == 0 and coverage["empty_geometries"] == 0


def test_image_export_draws_each_served_boundary_file_with_its_own_geojson(monkeypatch):
    from indicators import exports

    areas = {"type": "FeatureCollection", "features": [{"id": "W06000015"}]}
    trusts = {"type": "FeatureCollection", "features": [{"id": "BHSCT"}]}
    figure = go.Figure(
        [
            go.Choropleth(geojson="app/static/areas.geojson", locations=["W06000015"], z=[1]),
            go.Choropleth(geojson="app/static/trusts.geojson", locations=["BHSCT"], z=[2]),
        ]
    )
    drawn = []
    monkeypatch.setattr(exports, "image_bytes", lambda fig, *a, **k: drawn.append(fig) or b"")
    exports.chart_image(
        figure,
        exports.chart_credit("A map", "Source"),
        size="wide",
        fmt="svg",
        boundaries=lambda: areas,
        served={"app/static/trusts.geojson": lambda: trusts},
    )
    assert [trace.geojson for trace in drawn[0].data] == [areas, trusts]
    assert figure.data[1].geojson == "app/static/trusts.geojson"  # the app's figure is unchanged


def test_a_chosen_measure_is_drawn_and_an_unknown_choice_is_ignored(frames):
    indicators, areas, sources = frames
    extra = indicators[indicators["indicator_id"] == "scot_not_healthy_birthweight"].assign(
        indicator_id="scot_healthy_birth_weight", value=[80.0, 70.0]
    )
    both = pd.concat([indicators, extra], ignore_index=True)
    default = _by_nation(topics.topic_map_view(both, areas, sources, topic_id="birth-weight"))
    assert default["Scotland"].indicator.id == "scot_not_healthy_birthweight"
    assert [i.id for i in default["Scotland"].choices] == [
        "scot_not_healthy_birthweight",
        "scot_healthy_birth_weight",
    ]
    picked = _by_nation(
        topics.topic_map_view(
            both,
            areas,
            sources,
            topic_id="birth-weight",
            chosen={"Scotland": "scot_healthy_birth_weight", "Wales": "<script>"},
        )
    )
    assert picked["Scotland"].indicator.id == "scot_healthy_birth_weight"
    assert (picked["Scotland"].low, picked["Scotland"].high) == (70.0, 80.0)
    assert picked["Wales"].indicator.id == "wales_low_birth_weight"  # unknown id ignored
