"""The map component's browser side: plain files read as text (no Streamlit here).

``map.js`` keeps the projected SVG paths mounted and only recolours them for each payload
(:func:`indicators.map_svg.map_payload`); ``pages/common.py`` registers it with Streamlit.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
#: The component's name in Streamlit (unique in the app).
NAME = "early_years_map"
JS = (_HERE / "map.js").read_text(encoding="utf-8")
CSS = (_HERE / "map.css").read_text(encoding="utf-8")
