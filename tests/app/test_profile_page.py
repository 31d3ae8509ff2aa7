"""Area profile: the engine's summary for every indicator the area has."""

from __future__ import annotations

from indicators import views
from tests.app.conftest import PAGE, open_page, plotly_specs


def test_profile_lists_every_indicator_with_its_summary(app, api):
    at = open_page(app, PAGE["profile"], area="E06000005")
    profile = views.profile_view(
        api["indicators"], api["areas"], api["neighbours"], area_code="E06000005"
    )
    assert len(profile) >= 5
    bullets = " ".join(m.value for m in at.markdown)
    for summary in profile["summary"]:
        assert summary in bullets
    shown = at.dataframe[0].value
    assert list(shown["Indicator"]) == list(profile["indicator"])
    spine = plotly_specs(at)[0]
    assert len(spine["data"][2]["y"]) == profile["england"].notna().sum()


def test_profile_without_an_area_asks_for_one(app):
    at = open_page(app, PAGE["profile"])
    assert not at.exception and any("Choose “My area”" in i.value for i in at.info)


def test_scottish_council_profile(app, api):
    at = open_page(app, PAGE["profile"], area="S12000005", indicator="scot_concern_27_30m")
    profile = views.profile_view(
        api["indicators"], api["areas"], api["neighbours"], area_code="S12000005"
    )
    assert not at.exception and set(profile["indicator_id"]) == {
        "scot_concern_27_30m",
        "scot_concern_27_30m_3yr",
    }
    assert "Scottish council areas" in " ".join(profile["summary"])
