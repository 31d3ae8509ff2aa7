"""The deck model: slide specs in a link, validated, and the headline numbers they show."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import deck, paths

LINK = "teams~map.eyfsp_gld.2023/24~peers.eyfsp_gld.2023/24.E09000002~nations.eyfsp_gld"


def test_a_deck_link_round_trips():
    slides, notes = deck.parse_deck(LINK)
    assert notes == []
    assert [s.kind for s in slides] == ["teams", "map", "peers", "nations"]
    assert slides[2] == deck.Slide("peers", "eyfsp_gld", "2023/24", area="E09000002")
    assert deck.deck_to_param(slides) == LINK


def test_a_period_with_spaces_and_a_nation_round_trip_in_url_safe_characters():
    slide = deck.Slide("map", "hv_review_2_2half", "2020/21 to 2022/23", nation="wal")
    text = deck.deck_to_param([slide])
    assert text == "map.hv_review_2_2half.2020/21_to_2022/23.wal"
    assert " " not in text
    assert deck.parse_deck(text) == ([slide], [])


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("slides.x", "unknown kind “slides”"),
        ("map.no_such_indicator.2023/24", "unknown indicator “no_such_indicator”"),
        ("peers.eyfsp_gld.2023/24.Barnet", "“Barnet” is not an area code"),
        ("map.eyfsp_gld", "takes indicator, period, [nation]"),
        ("map.eyfsp_gld.2023/24.mars", "unknown nation “mars”"),
        ("map.eyfsp_gld.<script>", "is not a period"),
        ("nations.EYFSP", "unknown indicator"),
    ],
)
def test_a_bad_slide_is_left_out_with_a_plain_note(text, said):
    slides, notes = deck.parse_deck(f"teams~{text}")
    assert slides == [deck.Slide("teams")]
    assert len(notes) == 1
    assert "slide 2" in notes[0] and said in notes[0]
    assert "<" not in notes[0]


def test_an_oversized_deck_is_refused():
    with pytest.raises(deck.DeckError, match="at most 20"):
        deck.parse_deck("~".join(["teams"] * 21))
    with pytest.raises(deck.DeckError, match="too long"):
        deck.parse_deck("teams~" * 200)


def test_empty_link_is_an_empty_deck():
    assert deck.parse_deck(None) == ([], [])
    assert deck.parse_deck("") == ([], [])


def test_moving_a_slide_keeps_every_slide_once():
    slides = [deck.Slide("teams"), deck.Slide("nations", "eyfsp_gld"), deck.Slide("fact", fact="x")]
    assert deck.move(slides, 0, 1) == [slides[1], slides[0], slides[2]]
    assert deck.move(slides, 2, -1) == [slides[0], slides[2], slides[1]]
    assert deck.move(slides, 0, -1) == slides  # already first


def test_headline_sentence_from_a_hand_made_file(tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text(
        "as_at,count,scope,statement,source_url\n"
        "2021-04,almost 40,UK,closure,https://a.example\n"
        "2019-06,27,UK,Rare Jewels,https://b.example\n"
        "undated,46,UK,page,https://c.example\n"
        "2022-08,7 health boards,Scotland,update,https://d.example\n"
        "2025-12,51,UK,year-end news,https://e.example\n"
    )
    headline = deck.teams_headline(deck.read_team_counts(path))
    assert headline.sentence == (
        "27 specialised parent-infant teams in the UK in 2019; 51 by December 2025"
    )
    assert headline.number == "51"
    assert "https://b.example" in headline.source and "https://e.example" in headline.source
    assert headline.period == "June 2019 to December 2025"


def test_headline_sentence_from_the_bundled_file():
    counts = pd.read_csv(paths.DATA_DIR / paths.TEAM_COUNTS_FILE, dtype=str)
    # first and last dated plain UK counts, read straight from the file
    assert counts.loc[counts["as_at"] == "2019-06", "count"].item() == "27"
    assert counts.loc[counts["as_at"] == "2025-12", "count"].item() == "51"
    assert deck.teams_headline(deck.read_team_counts()).sentence == (
        "27 specialised parent-infant teams in the UK in 2019; 51 by December 2025"
    )


def test_fact_card_number_source_date_and_licence():
    facts = pd.DataFrame(
        {
            "topic": ["CAMHS"],
            "indicator": ["camhs_not_accepting_pct"],
            "area_name": ["England"],
            "period": ["2019"],
            "value": [42.0],
            "unit": ["%"],
            "quote": ["CAMHS in 42% of areas do not accept referrals"],
            "source_title": ["Rare Jewels"],
            "source_url": ["https://example.org/rare-jewels"],
            "published": ["2019-06"],
            "source_type": ["ngo_report"],
        }
    )
    card = deck.fact_card(facts, "camhs_not_accepting_pct")
    assert card.number == "42%"
    assert card.source == "Rare Jewels, published 2019-06, https://example.org/rare-jewels"
    assert "not under the Open Government Licence" in card.licence
    with pytest.raises(deck.IndicatorsError):
        deck.fact_card(facts, "camhs_not_accepting_pct", "2030")


def test_default_deck_follows_the_selection():
    from indicators.state import Selection

    chosen = Selection(indicator="eyfsp_gld", period="2023/24", area="E09000002")
    assert deck.deck_to_param(deck.default_deck(chosen)) == LINK
    no_area = deck.default_deck(Selection(indicator="eyfsp_gld", period="2023/24"))
    assert [s.kind for s in no_area] == ["teams", "map", "nations"]
