"""Uploaded CSVs: every malformed file gives a clear message and no exception; good rows are
compared with the official figures by the same engine and labelled as the user's."""

from __future__ import annotations

import csv
import io
import math
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import norm

from indicators import figures, views
from indicators.catalogue import CATALOGUE
from indicators.state import Selection
from indicators.text import escape_markdown
from indicators.upload import (
    MAX_UPLOAD_BYTES,
    USER_LABEL,
    USER_SOURCE_ID,
    UploadResult,
    compare_uploaded,
    read_upload,
)

HEADER = "indicator_id,area_code,period,value,numerator,denominator\n"


@pytest.fixture(scope="module")
def areas(committed_areas):
    return committed_areas


def _check(result: UploadResult) -> None:
    """What every answer must be: an UploadResult with a message when nothing is usable."""
    assert isinstance(result, UploadResult)
    if result.rows.empty:
        assert result.error, "an unusable file must say why"
        assert len(result.error) < 500
    for problem in result.problems:
        assert problem.startswith("Row "), problem


# --------------------------------------------------------------------------- whole-file problems
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "The file is empty."),
        (b"   \n\n", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (
            "indicator_id,area_code\nasq3_all_domains,Gwynedd—é".encode("latin-1", "replace"),
            "not UTF-8",
        ),
        ("café,naïve\n1,2\n".encode("cp1252"), "not UTF-8"),
        (b"area,score\nE06000001,5\n", "Missing columns"),
        (b"1,2,3\n4,5,6\n", "Missing columns"),
        (HEADER.encode(), "header but no rows"),
        (
            b'indicator_id,area_code,period,value\n"asq3_all_domains,E06000001',
            "could not be read as CSV",
        ),
    ],
)
def test_whole_file_problems_are_explained(areas, content, expected):
    result = read_upload(content, areas=areas)
    _check(result)
    assert expected in result.error
    assert result.rows.empty


def test_size_limit_is_enforced_with_a_clear_message(areas):
    big = (HEADER + "asq3_all_domains,E06000001,2021/22,75,750,1000\n" * 30_000).encode()
    assert len(big) > MAX_UPLOAD_BYTES
    result = read_upload(big, areas=areas)
    assert "the limit is 1,000,000 bytes" in result.error


# --------------------------------------------------------------------------- row-level problems
def test_each_bad_row_is_named_and_good_rows_are_kept(areas):
    content = (
        HEADER
        + "asq3_all_domains,E06000001,2021/22,75,750,1000\n"  # row 2: good
        + "asq3_all_domains,E06999999,2021/22,75,,\n"  # row 3: unknown area
        + "asq3_all_domains,E06000002,2021-2022,75,,\n"  # row 4: period
        + "asq3_all_domains,E06000003,2021/22,101,,\n"  # row 5: > 100 %
        + "asq3_all_domains,E06000004,2021/22,40,60,50\n"  # row 6: numerator > denominator
        + "asq3_all_domains,E06000005,2021/22,c,,\n"  # row 7: suppressed, understood
        + "asq3_all_domains,E06000009,2021/22,x,,\n"  # row 8: not available, understood
        + "asq3_all_domains,E06000010,2021/22,lots,,\n"  # row 9: not a number
        + "no_such_indicator,E06000001,2021/22,5,,\n"  # row 10: unknown indicator
        + "asq3_all_domains,E06000001,2021/22,70,,\n"  # row 11: repeats row 2
        + "asq3_all_domains,E06000011,2021/22,50,1e308,1e309\n"  # row 12: huge numbers
    ).encode()
    result = read_upload(content, areas=areas)
    _check(result)
    problems = "\n".join(result.problems)
    assert "Row 3: unknown area code 'E06999999'" in problems
    assert "Row 4: period '2021-2022' not recognised" in problems
    assert "Row 5: value '101' is out of range" in problems
    assert "Row 6: numerator 60 is larger than denominator 50" in problems
    assert "Row 9: value 'lots' is neither a number nor a suppression symbol" in problems
    assert "Row 10: unknown indicator 'no_such_indicator'" in problems
    assert "Row 11: repeats the indicator, area and period of row 2" in problems
    assert "Row 12: numerator '1e308' is out of range" in problems
    assert not any(p.startswith(("Row 2:", "Row 7:", "Row 8:")) for p in result.problems)
    kept = result.rows.set_index("area_code")
    assert list(kept.index) == ["E06000001", "E06000005", "E06000009"]
    assert kept.loc["E06000005", "status"] == "suppressed"
    assert kept.loc["E06000009", "status"] == "not_available"
    assert math.isnan(kept.loc["E06000005", "value"])
    # Wilson 95% interval for 750 of 1000, by hand from the formula
    p, n, z = 0.75, 1000, norm.ppf(0.975)
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert kept.loc["E06000001", "lower_ci95"] == pytest.approx(100 * (centre - half), abs=1e-6)
    assert kept.loc["E06000001", "upper_ci95"] == pytest.approx(100 * (centre + half), abs=1e-6)
    assert set(result.rows["source_id"]) == {USER_SOURCE_ID}
    assert set(result.rows["note"]) == {USER_LABEL}


def test_fingertips_export_layout_is_understood(areas, fixture_path):
    content = (fixture_path("publishers") / "fingertips_93436.csv").read_bytes()
    result = read_upload(content, areas=areas)
    _check(result)
    assert result.layout == "fingertips"
    by_area = result.rows.set_index("area_code")
    assert by_area.loc["E06000001", "value"] == 75.0
    assert by_area.loc["E06000001", "numerator"] == 750
    assert by_area.loc["E06000002", "status"] == "not_available"  # empty Value cell
    assert set(result.rows["indicator_id"]) == {"asq3_all_domains"}
    assert "other column(s) ignored" in result.notes[0]


def test_html_in_strings_is_kept_as_text_and_escaped_for_display(areas):
    content = (
        HEADER + "<script>alert(1)</script>,E06000001,2021/22,75,,\n"
        "asq3_all_domains,<img src=x onerror=alert(1)>,2021/22,75,,\n"
    ).encode()
    result = read_upload(content, areas=areas)
    _check(result)
    shown = escape_markdown(" ".join(result.problems))
    # Every angle bracket is backslash-escaped, so markdown shows it instead of reading a tag.
    assert re.search(r"(?<!\\)[<>]", shown) is None
    assert r"\<script\>" in shown and r"\<img" in shown
    assert escape_markdown("[link](javascript:x) **bold**") == (
        r"\[link\](javascript\:x) \*\*bold\*\*"
    )


# --------------------------------------------------------------------------- property-based
_cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["c", "x", "*", "..", ":", "-", "", "1e400", "-5", "NaN", "inf", "9" * 40]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
_columns = st.lists(
    st.sampled_from(
        [
            "indicator_id",
            "area_code",
            "period",
            "value",
            "numerator",
            "denominator",
            "breakdown",
            "Indicator ID",
            "Area Code",
            "Time period",
            "Value",
            "Count",
            "<b>extra</b>",
            "",
        ]
    ),
    min_size=0,
    max_size=9,
)


@st.composite
def malformed_csvs(draw) -> bytes:
    columns = draw(_columns)
    rows = draw(
        st.lists(st.lists(_cells, min_size=0, max_size=len(columns) + 2), min_size=0, max_size=6)
    )
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)  # ragged rows on purpose
    body = ",".join(columns) + "\n" + text.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    return body.encode(encoding, errors="replace")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=malformed_csvs())
def test_malformed_csvs_never_raise(areas, content):
    _check(read_upload(content, areas=areas))


@settings(max_examples=100, deadline=None)
@given(content=st.binary(max_size=2_000))
def test_arbitrary_bytes_never_raise(areas, content):
    _check(read_upload(content, areas=areas))


# --------------------------------------------------------------------------- in the comparison
def test_a_valid_upload_appears_in_the_comparison_with_its_label(areas, committed_indicators):
    from indicators.data import read_neighbours

    neighbours = read_neighbours()
    selection = Selection(
        indicator="asq3_all_domains",
        period="2021/22",
        nation="England",
        area="E06000001",
        benchmark="england",
        group="all",
    )
    table = views.compare_view(committed_indicators, areas, neighbours, selection)
    england = committed_indicators[
        (committed_indicators["indicator_id"] == "asq3_all_domains")
        & (committed_indicators["area_code"] == "E92000001")
        & (committed_indicators["period"] == "2021/22")
        & (committed_indicators["breakdown"] == "all")
    ]["value"].iloc[0]
    # 99 of 100 at expected: its Wilson 95% CI lies well above any England value below 93 %
    assert england < 93
    content = (HEADER + "asq3_all_domains,E06000001,2021/22,99,99,100\n").encode()
    result = read_upload(content, areas=areas)
    combined = compare_uploaded(
        table,
        result.rows,
        indicator=CATALOGUE["asq3_all_domains"],
        period="2021/22",
        breakdown="all",
    )
    assert len(combined) == len(table) + 1
    mine = combined[~combined["official"]]
    assert list(mine["area_name"]) == [f"Hartlepool — {USER_LABEL}"]
    assert mine["value"].iloc[0] == 99.0
    assert mine["benchmark_value"].iloc[0] == pytest.approx(england)
    assert mine["comparison"].iloc[0] == "better"
    official = combined[combined["official"] & (combined["area_code"] == "E06000001")]
    assert len(official) == 1 and official["area_name"].iloc[0] == "Hartlepool"
    # highest value first (higher is better): the uploaded 99 % leads the sorted table
    assert combined["area_name"].iloc[0] == f"Hartlepool — {USER_LABEL}"
    figure = figures.figure_for_bars(
        combined,
        indicator_id="asq3_all_domains",
        period="2021/22",
        benchmark_value=float(england),
        benchmark_label="England",
    )
    labels = [str(y) for trace in figure.data for y in (trace.y if trace.y is not None else [])]
    assert any(USER_LABEL in label for label in labels)


def test_other_indicators_of_the_upload_are_not_drawn(areas):
    content = (HEADER + "eyfsp_gld,E06000001,2021/22,50,,\n").encode()
    result = read_upload(content, areas=areas)
    table = pd.DataFrame(
        {
            "area_code": ["E06000001"],
            "area_name": ["Hartlepool"],
            "value": [60.0],
            "benchmark_value": [70.0],
            "benchmark_label": ["England"],
        }
    )
    combined = compare_uploaded(
        table,
        result.rows,
        indicator=CATALOGUE["asq3_all_domains"],
        period="2021/22",
        breakdown="all",
    )
    assert combined["official"].all() and len(combined) == 1
