"""The presentation page in real Chromium: slides, keyboard navigation, the deck in the URL."""

from __future__ import annotations

import io
import urllib.parse

import pytest

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

# headline number, a fact card, four nations: three slides whose titles are known in advance
DECK = "teams~fact.camhs_areas_not_accepting_referrals_age_2_and_under_pct~nations.hv_new_birth_visit_14d"
TITLES = [
    "Specialised parent-infant teams in the UK",
    "CAMHS and the under-2s",  # the fact's topic in data/headline_facts.csv
    "Four nations at Birth: health visiting",  # the stage and topic of the new birth visit
]
SLIDE_TITLE = ".eyi-slide h1"


def slide_title(watched_page) -> str:
    return watched_page.page.locator(SLIDE_TITLE).inner_text().strip()


def wait_for_title(watched_page, title: str) -> None:
    watched_page.page.wait_for_function(
        "(t) => document.querySelector('.eyi-slide h1')?.innerText.trim() === t",
        arg=title,
        timeout=30_000,
    )
    watched_page.wait_until_idle()


def deck_in_url(url: str) -> tuple[str, str]:
    query = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)
    return query["deck"][0], query["slide"][0]


def test_keyboard_moves_between_slides_and_the_url_follows(app_url, watched_page):
    page = watched_page.page
    # A fresh server whose first request is a page path shows Streamlit's "Page not found"
    # dialog over the page (its legacy pages/ mode, see TESTING.md); open "/" first.
    watched_page.open(f"{app_url}/")
    watched_page.open(f"{app_url}/presentation?deck={DECK}&slide=1")
    wait_for_title(watched_page, TITLES[0])
    assert "27 specialised parent-infant teams in the UK in 2019; 51 by December 2025" in (
        page.locator(".eyi-sentence").inner_text()
    )
    assert "Source:" in page.locator(".eyi-footer").inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "presentation-slide-1.png"))

    page.locator(SLIDE_TITLE).click()  # focus the page, not an input
    page.keyboard.press("ArrowRight")
    wait_for_title(watched_page, TITLES[1])
    assert page.locator(".eyi-number").inner_text().strip() == "42%"
    page.keyboard.press("PageDown")
    wait_for_title(watched_page, TITLES[2])
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=60_000)
    page.screenshot(path=str(SCREENSHOTS / "presentation-slide-3.png"))
    assert deck_in_url(page.url) == (DECK, "3")
    page.keyboard.press("ArrowRight")  # the last slide: nothing further
    watched_page.wait_until_idle()
    assert slide_title(watched_page) == TITLES[2]
    page.keyboard.press("ArrowLeft")
    wait_for_title(watched_page, TITLES[1])
    assert deck_in_url(page.url) == (DECK, "2")
    assert watched_page.outside_requests == []
    assert watched_page.app_errors() == []


def test_a_reordered_deck_round_trips_through_its_url(app_url, browser, watched_page):
    page = watched_page.page
    watched_page.open(f"{app_url}/presentation?deck={DECK}&slide=1")
    wait_for_title(watched_page, TITLES[0])
    page.locator(".st-key-down_0 button").click()  # move the headline slide down one place
    watched_page.wait_until_idle()
    page.wait_for_function("() => location.search.includes('slide=2')", timeout=30_000)
    moved, shown = deck_in_url(page.url)
    first, second, third = DECK.split("~")
    assert moved == f"{second}~{first}~{third}"
    assert shown == "2"
    shared = page.locator('[data-testid="stCode"]').inner_text().strip()
    assert urllib.parse.unquote(shared).endswith(f"?deck={moved}&slide=2")

    # a fresh browser context (no session) opens the same deck at the same slide
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        fresh = context.new_page()
        fresh.goto(page.url)
        fresh.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"] .eyi-slide h1',
            timeout=60_000,
        )
        fresh.wait_for_function(
            "(t) => document.querySelector('.eyi-slide h1')?.innerText.trim() === t",
            arg=TITLES[0],
            timeout=30_000,
        )
        assert deck_in_url(fresh.url) == (moved, "2")
    finally:
        context.close()


def test_presenting_hides_the_sidebar_and_an_image_downloads(app_url, watched_page):
    from PIL import Image

    page = watched_page.page
    watched_page.open(f"{app_url}/presentation?deck={DECK}&slide=3")
    wait_for_title(watched_page, TITLES[2])
    with page.expect_download(timeout=90_000) as download_info:
        page.get_by_role("button", name="PNG 16:9 (1920×1080)").click()
    image = Image.open(io.BytesIO(download_info.value.path().read_bytes()))
    assert image.size == (1920, 1080)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    page.get_by_text("Presenting: hide the sidebar").click()
    watched_page.wait_until_idle()
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSidebar\"]')?.checkVisibility()",
        timeout=30_000,
    )
    page.screenshot(path=str(SCREENSHOTS / "presentation-presenting.png"))
    assert page.get_by_text("Build the deck").count() == 0
