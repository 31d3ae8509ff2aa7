"""Figures built from the SYNTHETIC fixture, checked against answers worked by hand.

See tests/unit/test_views.py for the fixture's figures and the hand-worked comparisons.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators import figures, views
from indicators.compare import classify
from indicators.state import Selection

BOUNDARIES = {"type": "FeatureCollection", "features": []}


def map_table(fixture_data, **kwargs) -> pd.DataFrame:
    selection = Selection(**{"indicator": "asq3_all_domains", "period": "2021/22", **kwargs})
    return views.map_view(
        fixture_data["indicators"], fixture_data["areas"], fixture_data["neighbours"], selection
    )


def legend(figure) -> list[str]:
    return [trace.name for trace in figure.data[1:]]


def test_region_legend_says_its_own_region(fixture_data):
    table = map_table(fixture_data, benchmark="region")
    figure = figures.figure_for_map(
        table,
        BOUNDARIES,
        indicator_id="asq3_all_domains",
        period="2021/22",
        colour_by="comparison",
    )
    assert figure.layout.legend.title.text == "Compared with its own region"
    # By hand: Darlington better; Middlesbrough and Halton similar; Hartlepool worse;
    # Warrington suppressed; Belfast, Edinburgh and Cardiff not collected.
    assert legend(figure) == [
        "Better (1)",
        "Similar (2)",
        "Worse (1)",
        "Suppressed (too few to publish) (1)",
        "Not collected in this nation (3)",
    ]
    hover = dict(zip(table["area_code"], figure.data[0].hovertext, strict=True))
    assert "Similar compared with its region (North West)" in hover["E06000006"]
    assert "Worse compared with its region (North East)" in hover["E06000001"]


def test_england_legend_names_england(fixture_data):
    table = map_table(fixture_data)
    figure = figures.figure_for_map(
        table, BOUNDARIES, indicator_id="asq3_all_domains", period="2021/22", colour_by="comparison"
    )
    assert figure.layout.legend.title.text == "Compared with England"
    assert legend(figure)[:2] == ["Better (2)", "Worse (2)"]


def test_units_case_hover_and_legend_use_the_rate(fixture_data):
    table = map_table(fixture_data, indicator="childrens_centres_per_1000_under5", period="2026")
    figure = figures.figure_for_map(
        table,
        BOUNDARIES,
        indicator_id="childrens_centres_per_1000_under5",
        period="2026",
    )
    hover = dict(zip(table["area_code"], figure.data[0].hovertext, strict=True))
    assert "0.12 per 1,000 under-5s" in hover["E06000005"]
    assert "%" not in " ".join(hover.values())
    assert figure.layout.legend.title.text.startswith("Children's centres per 1,000 under-5s")
    # Quintile class labels in the indicator's two decimals.
    assert legend(figure)[0].startswith("0.12 to ")


def test_not_compared_and_not_collected_differ_in_words_and_colour(fixture_data):
    table = map_table(fixture_data, indicator="childrens_centres_per_1000_under5", period="2026")
    category, colours = figures.map_categories(
        table,
        indicator_id="childrens_centres_per_1000_under5",
        colour_by="comparison",
        classes_method="quintiles",
    )
    assert set(category) == {"Not compared", "Not collected in this nation"}
    assert colours["Not compared"] != colours["Not collected in this nation"]
    r, g, b = (int(colours["Not compared"][i : i + 2], 16) for i in (1, 3, 5))
    assert len({r, g, b}) > 1, "'Not compared' must not be one of the no-value greys"

    def lightness(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    greys = [figures.AVAILABILITY_COLOURS[label] for label in figures.AVAILABILITY_COLOURS]
    steps = sorted(lightness(c) for c in greys)
    assert min(np.diff(steps)) > 25, "the no-value greys must differ without hue"


def test_no_value_categories_come_from_the_view(fixture_data):
    table = map_table(fixture_data, indicator="wales_hcwp_16_weeks", period="2024")
    category, colours = figures.map_categories(
        table, indicator_id="wales_hcwp_16_weeks", colour_by="value", classes_method="quintiles"
    )
    by_code = dict(zip(table["area_code"], category, strict=True))
    assert by_code["W06000015"] == "No figures for local areas"
    assert by_code["E06000005"] == "Not collected in this nation"
    assert "Suppressed or not available" not in colours


def test_bars_mark_not_compared_with_a_pattern_and_write_units(fixture_data):
    selection = Selection(
        indicator="childrens_centres_per_1000_under5", period="2026", area="E06000005"
    )
    table = views.compare_view(
        fixture_data["indicators"], fixture_data["areas"], fixture_data["neighbours"], selection
    )
    figure = figures.figure_for_bars(
        table,
        indicator_id=selection.indicator,
        period="2026",
        benchmark_value=0.75,
        benchmark_label="Mean",
    )
    bars = figure.data[0]
    assert set(bars.marker.pattern.shape) == {"/"}  # every bar here is "not compared"
    assert any("Darlington: 0.12 per 1,000 under-5s" in h for h in bars.hovertemplate)
    assert "Mean: 0.75 per 1,000 under-5s" in [t.name for t in figure.data]
    assert "%" not in figure.layout.xaxis.title.text


def test_bars_with_percentages_keep_percent(fixture_data):
    selection = Selection(indicator="asq3_all_domains", period="2021/22", area="E06000005")
    table = views.compare_view(
        fixture_data["indicators"], fixture_data["areas"], fixture_data["neighbours"], selection
    )
    figure = figures.figure_for_bars(
        table,
        indicator_id=selection.indicator,
        period="2021/22",
        benchmark_value=80.0,
        benchmark_label="England",
    )
    bars = figure.data[0]
    # Best first, drawn bottom-up: Darlington 90, Halton 84, Middlesbrough 72, Hartlepool 60.
    assert list(bars.x)[::-1] == [90.0, 84.0, 72.0, 60.0]
    assert "England: 80.0%" in [t.name for t in figure.data]
    assert list(bars.marker.pattern.shape) == ["", "", "", ""]


@pytest.mark.parametrize(
    ("decimals", "expected"),
    [(1, ("1.0 to 2.0", "2.0 to 3.0")), (0, ("1 to 2", "2 to 3"))],
)
def test_class_labels_use_the_indicators_decimals(decimals, expected):
    classes = classify(pd.Series([1.0, 2.0, 3.0]), method="equal_intervals", k=2, decimals=decimals)
    assert classes.labels == expected


def test_class_labels_never_collide():
    classes = classify(pd.Series([0.0, 0.1, 0.2, 0.3, 0.4, 1.0]), method="quintiles", decimals=0)
    assert len(set(classes.labels)) == len(classes.labels)


def test_a_yes_no_flag_is_drawn_as_yes_and_no():
    table = pd.DataFrame(
        {
            "area_code": ["E06000001", "E06000002", "W06000015"],
            "area_name": ["Hartlepool", "Middlesbrough", "Cardiff"],
            "value": [1.0, 0.0, np.nan],
            "status": ["ok", "ok", "not_collected"],
            "availability_label": ["", "", "Not collected in this nation"],
            "comparison_label": ["", "", ""],
        }
    )
    category, colours = figures.map_categories(
        table,
        indicator_id="family_hubs_start_for_life",
        colour_by="value",
        classes_method="quintiles",
    )
    assert list(category) == ["Yes", "No", "Not collected in this nation"]
    assert list(colours) == ["Yes", "No", "Not collected in this nation"]
