"""Every chart the pages draw is a valid Plotly figure: built here with validation on.

charts.figure skips Plotly's property-by-property validation at run time (it costs 5-10 ms a
chart on every rerun); this test builds each page's charts from demo data with it switched
on, and then rebuilds each figure from its dict, which validates every property again.
"""

from __future__ import annotations

import os
import re

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from regie import chart_axes, charts
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
        # every axis makes room for its labels, whatever the template; the value axis's ticks are written
        assert fig.layout.xaxis.automargin is True and fig.layout.yaxis.automargin is True, fig.layout.title.text
        value = fig.layout.xaxis if fig.layout.xaxis.type == "linear" else fig.layout.yaxis
        assert value.tickmode == "array" and value.ticktext, fig.layout.title.text


def test_a_wrong_property_fails_with_validation_on(monkeypatch):
    monkeypatch.setattr(charts, "VALIDATE", True)
    with pytest.raises(ValueError, match="colour"):
        charts.figure([{"type": "bar", "x": [1], "y": [1], "marker": {"colour": "red"}}], {})


# ---- Charts that never clip (issue 20, part 3) ----------------------------------------------------------

NAMES = ["Noordelijke ICT Diensten B.V.", "C-06-ADV0 Raamovereenkomst advies Heidemond (oud)", "SSC De Venen ICT"]


def every_builder(lang: str = "nl") -> dict[str, go.Figure]:
    """One figure of each builder, with long names, a norm and money."""
    return {
        "trend": charts.trend(
            ["K1 2026", "K2 2026"],
            {"Turfbrug": [93.1, 95.0], "Gemiddelde leden": [92.5, 94.0]},
            "SLA-score oplossen",
            "pct",
            lang,
            90.0,
            "DVO-norm 90%",
            [False, False],
        ),  # fmt: skip
        "bars": charts.bars(
            ["Turfbrug", "Veenhoven"], [93.0, 89.6], "SLA-score oplossen", "pct", lang, "Turfbrug", 90.0, "DVO-norm 90%"
        ),  # fmt: skip
        "horizontal": charts.bars(
            NAMES, [2_345_678.9, 815_025.4, 177_894.0], "Grootste leveranciers", "eur", lang, horizontal=True
        ),  # fmt: skip
        "ceiling": charts.bars(
            NAMES,
            [91.7, 70.0, 62.3],
            "Gebruik van het plafond",
            "pct",
            lang,
            norm=80.0,
            norm_label="80% van het plafond",
            horizontal=True,
            flagged=[True, False, False],
            lines=[charts.reference_line(100, "Plafond", vertical=True)],
        ),  # fmt: skip
        "flow": charts.flow(
            ["jan", "feb"], [600, 700], [610, 690], [50, 60], ("In", "Uit", "Voorraad"), "Stroom", lang
        ),
        "dumbbell": charts.dumbbell(
            ["Turfbrug", "Veenhoven"],
            [92.0, 93.5],
            [94.0, 93.0],
            ("Nu", "Voorstel"),
            "Oplossen binnen de norm",
            lang,
            90.0,
            "Doel 90%",
        ),  # fmt: skip
        "stacked": charts.figure(
            [
                {"type": "bar", "x": ["K1", "K2"], "y": [5_000_000.0, 5_500_000.0], "name": "werkplek"},
                {
                    "type": "bar",
                    "x": ["K1", "K2"],
                    "y": [3_000_000.0, 3_100_000.0],
                    "name": "netwerk en connectiviteit",
                },
            ],
            {**charts.base_layout("Uitgaven per kwartaal", "eur", lang), "barmode": "relative"},
        ),  # fmt: skip
    }


@pytest.mark.parametrize(
    ("values", "lang", "expected"),
    [
        # 0..8,6 mln in at most 5 steps: 1,72 mln a step, rounded up to 2 mln; from a million in millions
        ([0, 8_600_000], "nl", ["€ 0", "€ 2 mln", "€ 4 mln", "€ 6 mln", "€ 8 mln", "€ 10 mln"]),
        ([0, 8_600_000], "en", ["€0", "€2m", "€4m", "€6m", "€8m", "€10m"]),
        # 1,95 mln: 0,39 mln a step, rounded up to 0,5 mln: one decimal, on every tick alike
        ([1_950_000], "nl", ["€ 0", "€ 0,5 mln", "€ 1,0 mln", "€ 1,5 mln", "€ 2,0 mln"]),
        ([1_950_000], "en", ["€0", "€0.5m", "€1.0m", "€1.5m", "€2.0m"]),
        # below a million: whole euros (1.560 a step, rounded up to 2.000)
        ([7_800], "nl", ["€ 0", "€ 2.000", "€ 4.000", "€ 6.000", "€ 8.000"]),
        ([7_800], "en", ["€0", "€2,000", "€4,000", "€6,000", "€8,000"]),
        # -4.942..8.121: 2.613 a step, rounded up to 5.000, from -5.000 (zero-based both ways)
        ([-4_942, 8_121], "nl", ["€ -5.000", "€ 0", "€ 5.000", "€ 10.000"]),
        ([-4_942, 8_121], "en", ["-€5,000", "€0", "€5,000", "€10,000"]),
        # a few euros: never cents, a step of at least a whole euro
        ([0.2, 0.9], "nl", ["€ 0", "€ 1"]),
    ],
)
def test_a_money_axis_is_in_whole_euros_or_millions(values, lang, expected):
    axis = chart_axes.value_axis(values, "eur", lang)
    assert axis["ticktext"] == expected
    assert axis["tickmode"] == "array" and len(axis["tickvals"]) == len(expected)
    assert axis["range"] == [axis["tickvals"][0], axis["tickvals"][-1]]  # zero-based, no headroom asked


def test_lines_fit_their_values_in_whole_euros():
    # 27,80..31,00 with a fifth of the spread as room (27,16..31,64): steps of 1 euro
    axis = chart_axes.value_axis([27.8, 31.0], "eur", "nl", zero_based=False)
    assert axis["ticktext"] == ["€ 27", "€ 28", "€ 29", "€ 30", "€ 31", "€ 32"] and axis["range"] == [27, 32]


def test_percent_and_count_axes():
    # 91,84..93,66 (the values with room): 0,364 a step, rounded up to 0,5; the locale's decimal mark
    assert chart_axes.value_axis([92.1, 93.4], "pct", "nl", zero_based=False)["ticktext"] == [
        "91,5%", "92,0%", "92,5%", "93,0%", "93,5%", "94,0%"]  # fmt: skip
    assert chart_axes.value_axis([92.1, 93.4], "pct", "en", zero_based=False)["ticktext"][:2] == ["91.5%", "92.0%"]
    # room above 99,5% stops at 100%: no tick past it
    assert chart_axes.value_axis([96, 99.5], "pct", "en", zero_based=False)["ticktext"] == [
        "95%", "96%", "97%", "98%", "99%", "100%"]  # fmt: skip
    # bars up to 93,7% with room for their values: ticks to 100%, not 120%; the range goes on to 109,1
    axis = chart_axes.value_axis([93.7, 92.5], "pct", "nl", headroom=0.12, room=0.04)
    assert axis["ticktext"] == ["0%", "20%", "40%", "60%", "80%", "100%"]
    assert axis["range"] == [0, pytest.approx((93.7 + 0.12 * 93.7) * 1.04)]
    # counts: whole steps, also when there are only three
    assert chart_axes.value_axis([3, 1], "count", "nl")["ticktext"] == ["0", "1", "2", "3"]


def test_bar_values_are_written_in_the_language():
    assert [chart_axes.value_label(v, "eur", "nl") for v in (2_345_678, 815_025.4, 30.5, None)] == [
        "€ 2,35 mln", "€ 815.025", "€ 30,50", ""]  # fmt: skip
    assert [chart_axes.value_label(v, "eur", "en") for v in (2_345_678, 815_025.4)] == ["€2.35m", "€815,025"]
    assert chart_axes.value_label(93.04, "pct", "nl") == "93,0%" and chart_axes.value_label(12, "count", "en") == "12"
    # rounded half away from zero, as every figure is (README): 2,345 mln exactly is 2,35, not half-even 2,34
    assert chart_axes.value_label(2_345_000, "eur", "nl") == "€ 2,35 mln"
    assert chart_axes.value_label(-2_345_000, "eur", "en") == "-€2.35m"


def test_long_labels_are_wrapped_or_shortened_never_cut():
    assert chart_axes.wrap("Noordelijke ICT Diensten B.V.", 20) == "Noordelijke ICT<br>Diensten B.V."  # 15 and 13
    assert chart_axes.wrap("SSC De Venen ICT", 20) == "SSC De Venen ICT"
    assert chart_axes.wrap(NAMES[1], 50, max_lines=1) == NAMES[1]  # 49 characters: one line
    shortened = chart_axes.wrap("Veenhoven: netwerk en connectiviteit, Regie & Raad Adviseurs B.V.", 50, max_lines=1)
    assert shortened == "Veenhoven: netwerk en connectiviteit, Regie &…"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_axis_of_every_builder_has_automargin_and_written_ticks(lang, monkeypatch):
    monkeypatch.setattr(charts, "VALIDATE", True)
    for name, fig in every_builder(lang).items():
        layout = fig.layout
        assert layout.xaxis.automargin is True and layout.yaxis.automargin is True, name
        value = layout.xaxis if layout.xaxis.type == "linear" else layout.yaxis
        assert value.tickmode == "array" and len(value.ticktext) == len(value.tickvals) >= 2, name
        assert not any("€" in text and re.search(r",\d\d\b", text) for text in value.ticktext), name  # no cents
        assert value.range[0] <= min(value.tickvals) and value.range[1] >= max(value.tickvals), name


def test_the_norm_is_named_in_the_legend_not_over_the_bars():
    fig = every_builder()["bars"]
    [norm] = fig.layout.shapes
    assert (norm.name, norm.showlegend, norm.y0, norm.layer) == ("DVO-norm 90%", True, 90.0, "above")
    assert fig.layout.showlegend is True and fig.data[0].showlegend is False
    # the legend below the plot and its labels (container coordinates), never inside the plot
    assert (fig.layout.legend.yref, fig.layout.legend.y, fig.layout.legend.yanchor) == ("container", 0, "bottom")
    # the only texts in the plot are the bars' values, on white, above their bars; none is the norm's
    notes = fig.layout.annotations
    assert [(n.text, n.x, n.y, n.yanchor, n.bgcolor) for n in notes] == [
        ("93,0%", "Turfbrug", 93.0, "bottom", "white"), ("89,6%", "Veenhoven", 89.6, "bottom", "white")]  # fmt: skip
    assert fig.layout.yaxis.range[1] > 93.0 * 1.12  # room above the highest bar for its value


def test_horizontal_bars_have_their_names_above_and_their_values_beyond():
    fig = every_builder()["ceiling"]
    bar = fig.data[0]
    assert list(bar.y) == NAMES and (bar.width, bar.offset) == (0.45, 0.02)  # the bar in its row's lower half
    assert fig.layout.yaxis.showticklabels is False
    names = [n for n in fig.layout.annotations if n.xref == "paper"]
    assert [(n.text, n.x, n.xanchor, n.y, n.yanchor, n.hovertext) for n in names] == [
        (name, 0, "left", name, "bottom", name) for name in NAMES]  # fmt: skip
    values = [n for n in fig.layout.annotations if n.xref == "x"]
    assert [(n.text, n.x, n.xanchor, n.y) for n in values] == [
        ("91,7%", 91.7, "left", 0.245), ("70,0%", 70.0, "left", 1.245), ("62,3%", 62.3, "left", 2.245)]  # fmt: skip
    # both lines in the legend (80% and the ceiling), and in view with room beyond the longest bar
    assert [(s.name, s.x0) for s in fig.layout.shapes] == [("80% van het plafond", 80.0), ("Plafond", 100)]
    assert fig.layout.xaxis.ticktext == ("0%", "50%", "100%") and fig.layout.xaxis.range[1] == pytest.approx(130)


_MEASURE = """() => {
  const plot = document.getElementById('chart'), box = plot.getBoundingClientRect(), found = [];
  for (const text of plot.querySelectorAll('g[class$="tick"] > text, .gtitle, .annotation-text, .legendtext')) {
    const r = text.getBoundingClientRect();
    if (text.textContent.trim() && r.width) found.push([text.textContent, r.left - box.left, r.top - box.top,
      r.right - box.left, r.bottom - box.top]);
  }
  return {width: box.width, height: box.height, found};
}"""


def test_in_chromium_every_label_is_whole_and_apart_at_390_and_1440_px():
    """Drawn by plotly.js at a phone's chart width (358 px of 390) and a wide one: every tick label, title,
    name, value and legend entry lies inside the chart, and no two overlap."""
    from concurrent.futures import ThreadPoolExecutor

    from regie.document import chromium

    browser_path = chromium()
    if browser_path is None:
        message = "chromium not found: install it with `sudo apt-get install chromium`"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    # In a thread of its own: Playwright's sync API refuses to run where an event loop is running, and an
    # earlier test in the same worker process may have left one (regie/document.py does the same).
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(_label_problems, browser_path).result() == []


def _label_problems(browser_path: str) -> list[str]:
    from playwright.sync_api import sync_playwright
    from plotly.offline import get_plotlyjs

    from regie.document import FLAGS

    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=list(FLAGS))
        page = browser.new_page()
        page.set_content(f"<html><body style='margin:0'><script>{get_plotlyjs()}</script><div id=chart></div>")
        for lang in ("nl", "en"):
            for name, fig in every_builder(lang).items():
                for width in (358, 1000):
                    spec = fig.to_plotly_json()
                    page.evaluate("([data, layout, w]) => Plotly.newPlot('chart', data, {...layout, width: w})",
                                  [spec["data"], spec["layout"], width])  # fmt: skip
                    drawn = page.evaluate(_MEASURE)
                    boxes = drawn["found"]
                    for text, left, top, right, bottom in boxes:
                        if left < -1 or top < -1 or right > drawn["width"] + 1 or bottom > drawn["height"] + 1:
                            problems.append(f"{lang} {name} {width}px: {text!r} outside the chart")
                    for i, (a, *ab) in enumerate(boxes):
                        for b, *bb in boxes[i + 1 :]:
                            if ab[0] < bb[2] - 1 and bb[0] < ab[2] - 1 and ab[1] < bb[3] - 1 and bb[1] < ab[3] - 1:
                                problems.append(f"{lang} {name} {width}px: {a!r} overlaps {b!r}")
        browser.close()
    return problems
