"""Every chart the pages draw is a valid Plotly figure: built here with validation on.

charts.figure skips Plotly's property-by-property validation at run time (it costs 5-10 ms a
chart on every rerun); this test builds each page's charts from demo data with it switched
on, and then rebuilds each figure from its dict, which validates every property again.
"""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from regie import charts
from tests.test_app import DASHBOARD, PAGES


@pytest.fixture
def validating(monkeypatch):
    monkeypatch.setattr(charts, "VALIDATE", True)
    built: list[go.Figure] = []
    original = charts.figure

    def recording(traces, spec):
        fig = original(traces, spec)
        built.append(fig)
        return fig

    monkeypatch.setattr(charts, "figure", recording)
    return built


@pytest.mark.parametrize("page", [*PAGES, *(f"pages/vergadering.py#{n}" for n in range(1, 7))])
def test_every_chart_of_a_page_is_valid(page, demo_dir, monkeypatch, validating):
    monkeypatch.setenv("REGIE_DATA_DIR", str(demo_dir))
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    page, _, section = page.partition("#")  # Vergadering builds the section it shows
    if section:
        at.query_params["onderdeel"] = section
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    if page != "pages/gegevens.py" and section not in ("1", "6"):  # Vergadering 1 and 6: tables and text
        assert validating, "no chart was built"
    for fig in validating:
        go.Figure(fig.to_dict())  # raises on an unknown property or a bad value


def test_a_wrong_property_fails_with_validation_on(monkeypatch):
    monkeypatch.setattr(charts, "VALIDATE", True)
    with pytest.raises(ValueError, match="colour"):
        charts.figure([{"type": "bar", "x": [1], "y": [1], "marker": {"colour": "red"}}], {})
