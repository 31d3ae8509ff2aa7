from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from indicators import paths

APP = str(paths.PROJECT_ROOT / "app.py")


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def array(value) -> list:
    """A plotly spec array: plain list, or plotly's base64 typed array ``{dtype, bdata}``."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(
            base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])
        ).tolist()
    return list(value)
