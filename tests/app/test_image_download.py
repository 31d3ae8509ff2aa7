"""Issue 13: under every chart, a "Download image" control (size, PNG, SVG) that renders on
every page without an exception, and says why when images cannot be made."""

from __future__ import annotations

import pytest

from indicators import exports
from tests.app.conftest import PAGE, PAGES, open_page


def labels(at, kind: str) -> list[str]:
    return [element.proto.label for element in at.get(kind)]


def open_every_image_control(at) -> int:
    """Open each chart's "Download image" popover (its controls are built only when open);
    the number opened."""
    keys = [key for key in at.session_state if key.endswith("_image")]
    for key in keys:
        at.session_state[key] = True
    at.run()
    return len(keys)


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_has_its_image_download(app, page, monkeypatch):
    monkeypatch.setattr(exports, "unavailable_reason", lambda: None)
    at = open_page(app, page, area="E06000005")
    assert not at.exception, [e.value for e in at.exception]
    # plotly charts and the map component (its image is the same map drawn by plotly)
    charts = [*at.get("plotly_chart"), *at.get("bidi_component")]
    # Closed, each control is only its button: nothing inside is built.
    assert "PNG image" not in labels(at, "download_button")
    assert open_every_image_control(at) == len(charts)
    assert not at.exception, [e.value for e in at.exception]
    assert len([*at.get("plotly_chart"), *at.get("bidi_component")]) == len(charts)
    buttons = labels(at, "download_button")
    # one PNG and one SVG button per chart, no more and no fewer
    assert buttons.count("PNG image") == len(charts)
    assert buttons.count("SVG image") == len(charts)
    sizes = [r for r in at.radio if r.label == "Size"]
    assert len(sizes) == len(charts)
    for radio in sizes:
        assert radio.options == ["16:9 (1920×1080)", "Square (1080×1080)"]


def test_the_control_says_why_when_images_cannot_be_made(app, monkeypatch):
    reason = "No Chromium browser is installed here [test] *bold*."
    monkeypatch.setattr(exports, "unavailable_reason", lambda: reason)
    at = open_page(app, PAGE["trends"], area="E06000005")
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("plotly_chart"), "the trends page draws a chart for Darlington"
    assert open_every_image_control(at) >= 1
    assert "PNG image" not in labels(at, "download_button")
    shown = [info.value for info in at.info if "Images cannot be made here" in info.value]
    assert len(shown) == 1
    # the reason is escaped: its brackets and asterisks are shown, not read as markdown
    assert "\\[test\\]" in shown[0] and "\\*bold\\*" in shown[0]
