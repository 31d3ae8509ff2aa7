"""Compare areas page: an uploaded CSV is checked, shown next to the official figures with its
label, and a bad one is explained without an exception."""

from __future__ import annotations

from indicators.upload import USER_LABEL
from tests.app.conftest import PAGE, array, open_page, plotly_specs

HEADER = "indicator_id,area_code,period,value,numerator,denominator\n"


def _compare(app):
    return open_page(
        app, PAGE["compare"], area="E06000005", indicator="asq3_all_domains", period="2021/22"
    )


def _upload(at, content: bytes):
    at.file_uploader(key="own_figures").set_value(("mine.csv", content, "text/csv")).run()
    return at


def test_a_valid_upload_is_drawn_next_to_the_official_bars(app):
    at = _upload(
        _compare(app), (HEADER + "asq3_all_domains,E06000001,2021/22,99,99,100\n").encode()
    )
    assert not at.exception
    names = [str(n) for n in array(plotly_specs(at)[0]["data"][0]["y"])]
    assert f"Hartlepool — {USER_LABEL}" in names
    assert "Hartlepool" in names  # the official bar stays
    values = dict(zip(names, array(plotly_specs(at)[0]["data"][0]["x"]), strict=True))
    assert values[f"Hartlepool — {USER_LABEL}"] == 99.0
    assert any("1 of your 1 figure(s)" in i.value for i in at.info)
    table = next(d.value for d in at.dataframe if "Area code" in d.value.columns)
    assert (table["Area code"] == "E06000001").sum() == 2


def test_bad_rows_are_listed_as_text_and_html_is_not_rendered(app):
    content = (
        HEADER
        + "asq3_all_domains,<img src=x onerror=alert(1)>,2021/22,75,,\n"
        + "asq3_all_domains,E06000001,2021/22,60,70,50\n"
    ).encode()
    at = _upload(_compare(app), content)
    assert not at.exception
    problems = next(d.value for d in at.dataframe if "Problem" in d.value.columns)
    assert list(problems["Problem"]) == [
        "Row 2: unknown area code '<img src=x onerror=alert(1)>'.",
        "Row 3: numerator 70 is larger than denominator 50.",
    ]
    assert any("No row could be used" in e.value for e in at.error)
    assert all("<img" not in m.value for m in at.markdown)


def test_a_binary_file_gets_one_clear_sentence(app):
    at = _upload(_compare(app), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "This is not a CSV text file (it contains binary data). Save the sheet as CSV."
    ]
