"""Every page opens without an exception, with and without an area chosen."""

from __future__ import annotations

import pytest

from tests.app.conftest import PAGES, open_page


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "params", [{}, {"area": "E06000005"}, {"area": "S12000005", "indicator": "scot_concern_27_30m"}]
)
def test_page_opens_cleanly(app, page, params):
    at = open_page(app, page, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title, "every page has a heading"
