"""Area profile: the engine's summary for every indicator the area has."""

from __future__ import annotations

from indicators import views
from indicators.catalogue import CATALOGUE
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
    assert not at.exception and {
        "scot_concern_27_30m",
        "scot_concern_27_30m_3yr",
        "scot_not_healthy_birthweight",
    } <= set(profile["indicator_id"])
    assert set(profile["indicator_id"]) <= {
        i for i in CATALOGUE if CATALOGUE[i].nations == ("Scotland",)
    }
    assert "Scottish council areas" in " ".join(profile["summary"])


def _raw_devolved():
    import pandas as pd

    from indicators import paths

    return pd.read_csv(
        paths.DEFAULT_RAW_DIR / "nations" / "healthindex_devolved_child_indicators_by_la.csv"
    )


def test_cardiff_profile_lists_every_welsh_measure_against_wales(app):
    raw = _raw_devolved()
    cardiff = raw[raw["area_code"] == "W06000015"].set_index("indicator")["value"]
    at = open_page(app, PAGE["profile"], area="W06000015")
    assert not at.exception
    shown = at.dataframe[0].value.set_index("Indicator")
    assert len(shown) == 4 == len(cardiff)
    # written from the raw file, rounded to 1 d.p. by hand here
    assert shown.loc["Fully immunised by 4 (Wales)", "Value"] == (
        f"{cardiff['lives_child_vaccination_coverage']:.1f}%"
    )
    assert shown.loc["Low birth weight (Wales)", "Value"] == (
        f"{cardiff['lives_low_birth_weight']:.1f}%"
    )
    bullets = " ".join(m.value for m in at.markdown)
    assert "of 22 Welsh local authorities" in bullets
    assert "compared with Wales" in " ".join(c.value for c in at.caption)
    spine = plotly_specs(at)[0]
    assert len(spine["data"][2]["y"]) == 4


def test_belfast_profile_shows_trust_measures_once_for_its_trust(app):
    raw = _raw_devolved()
    belfast = raw[raw["area_code"] == "N09000003"].set_index("indicator")["value"]
    at = open_page(app, PAGE["profile"], area="N09000003")
    assert not at.exception
    shown = at.dataframe[0].value.set_index("Indicator")
    assert len(shown) == 5
    # NI vaccine coverage is a 0-1 proportion in the raw file
    expected = f"{100 * belfast['lives_child_vaccine_coverage']:.1f}%"
    assert shown.loc["Childhood vaccine coverage (NI trusts)", "Value"] == expected
    bullets = " ".join(m.value for m in at.markdown)
    assert "Belfast HSC Trust: a trust figure, not a council one" in bullets
    assert "of 5 Northern Ireland HSC trusts" in bullets


def test_glasgow_profile_lists_every_scottish_measure(app):
    at = open_page(app, PAGE["profile"], area="S12000049")
    assert not at.exception
    shown = at.dataframe[0].value
    assert {
        "Not a healthy birth weight (Scotland)",
        "P1 overweight or obese (Scotland)",
        "Infant mortality (Scotland)",
        "Childhood vaccine uptake, average (Scotland)",
        "Concern at 27–30 months",
    } <= set(shown["Indicator"])
    assert not shown["Indicator"].str.contains("Low birth weight").any()


def test_leeds_profile_shows_the_lait_counterparts_in_their_units(app):
    """Latest LAIT values for Leeds (LA number 383), read from the raw file with pandas and
    written in each indicator's unit by hand."""
    import pandas as pd

    from indicators import paths

    raw = pd.read_csv(
        paths.DEFAULT_RAW_DIR / "england" / "dfe_lait_early_years_health_extract.csv",
        dtype=str,
        keep_default_na=False,
    )
    leeds = raw[(raw["LA Number"] == "383") & (raw["Values"] != "-")]
    latest = leeds.sort_values("Years").groupby("Short Desc")["Values"].last().astype(float)
    at = open_page(app, PAGE["profile"], area="E08000035")
    assert not at.exception
    shown = at.dataframe[0].value.set_index("Indicator")["Value"]
    assert shown["Overweight or obese in reception (England)"] == f"{latest['ExcessRec']:.1f}%"
    assert shown["Infant mortality (England)"] == (f"{latest['InfMort']:.1f} per 1,000 live births")
    assert shown["Low birth weight of term babies (England)"] == (
        f"{latest['Low_Birth_Weight_Babies']:.1f}%"
    )
    assert shown["Funded early education, eligible 2-year-olds (England)"] == (
        f"{latest['%_2yr_olds']:.1f}%"
    )
    assert shown["Funded early education, 3- and 4-year-olds (England)"] == (
        f"{latest['%_3&4yr_olds']:.1f}%"
    )
    bullets = " ".join(m.value for m in at.markdown)
    assert "per 1,000 live births was the infant mortality rate in Leeds" in bullets
    assert "of term babies born in Leeds weighed under 2,500 g" in bullets


def test_belfast_bullets_end_once_and_no_england_only_peers(app):
    """A trust measure has no trend sentence: its bullet ends with one full stop, not ". .";
    DfE statistical neighbours are an England-only model, so no peers section for Belfast."""
    at = open_page(app, PAGE["profile"], area="N09000003")
    assert not at.exception
    bullets = [m.value for m in at.markdown if m.value.startswith("- **")]
    assert bullets and not [b for b in bullets if b.rstrip().endswith(". .") or ". ." in b]
    assert "Among its statistical neighbours" not in [h.value for h in at.header]


def test_leeds_keeps_its_statistical_neighbours(app):
    at = open_page(app, PAGE["profile"], area="E08000035", indicator="eyfsp_gld")
    assert "Among its statistical neighbours" in [h.value for h in at.header]
