"""The serving entry point: ``streamlit run serve.py`` serves the frame, app.py.

Streamlit switches a fresh server into its legacy ``pages/`` mode (a ``pages/`` folder sits
next to the main script) until ``st.navigation`` first runs; in that mode the first request
to a deep link such as ``/compare`` shows a "Page not found" dialog. This app navigates with
``st.navigation`` from its very first run, so the mode is switched off before any session
starts. That switch is Streamlit's own class attribute (no public option sets it);
``tests/unit/test_serve.py`` pins it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

FRAME = Path(__file__).resolve().parent / "app.py"


@asynccontextmanager
async def lifespan(_app: st.App) -> AsyncIterator[None]:
    PagesManager.uses_pages_directory = False
    yield


app = st.App(FRAME, lifespan=lifespan)
