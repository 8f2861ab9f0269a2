"""The board pack: its sections, figures equal to the pages' for the same filters, and the HTML document."""

from __future__ import annotations

import re
from datetime import date

import pytest

from regie import boardpack, document, overview
from regie.coverage import Coverage
from regie.db import Database
from regie.kpis import headline, member_figures
from regie.periods import Period

QUARTER = Period.parse("2026-Q3")


@pytest.fixture(scope="module")
def packs(demo_dir):
    db = Database(demo_dir)
    coverage = Coverage.of(db.manifest)
    names = dict(db.run("member_counts", {"year": 2026})[["municipality_code", "name"]].values)

    def build(member, lang="nl"):
        return boardpack.build(db.run, lambda p: member_figures(db.run, p), names, "GM9001", QUARTER, member,
                               coverage, lang)  # fmt: skip

    yield build, db
    db.close()


def test_quarters_are_the_running_one_cut_and_the_complete_ones_newest_first():
    offered = boardpack.quarters(Coverage(date(2025, 2, 1), date(2026, 2, 15)))
    assert [q.key for q in offered] == ["2026-Q1~2026-02-14", "2025-Q4", "2025-Q3", "2025-Q2"]
    assert boardpack.default_quarter(offered).key == "2025-Q4"  # a meeting discusses the last complete one
    only = boardpack.quarters(Coverage(date(2025, 2, 1), date(2025, 3, 1)))
    assert boardpack.default_quarter(only).key == "2025-Q1~2025-02-28"
    assert boardpack.default_quarter([]) is None


def test_the_summary_shows_the_figures_of_the_kpis_command(packs):
    build, db = packs
    pack = build("GM9001")
    assert [s.key for s in pack.sections] == list(boardpack.SECTIONS)
    _, table = pack.sections[0].tables[0]
    shown = dict(zip(table["Kengetal"], table["3e kwartaal 2026"], strict=True))
    expected = headline(db.run, "GM9001", QUARTER)["current"]
    for field in boardpack.SUMMARY_FIELDS:
        assert shown[overview.i18n.t(field, "nl")] == overview.show(field, expected[field], "nl"), field


def test_a_members_pack_sets_it_beside_every_member_taking_part(packs):
    build, db = packs
    title, table = build("GM9001").sections[1].tables[0]
    names = dict(db.run("member_counts", {"year": 2026})[["municipality_code", "name"]].values)
    assert title == "Gemeenten naast elkaar, 3e kwartaal 2026"
    assert table["Gemeente"].tolist() == [*names.values(), "Mediaan leden"] and len(names) == 6


def test_the_document_draws_with_plotlys_template_also_in_the_app(packs, monkeypatch):
    # Importing streamlit makes its template the default; its axes have no automargin, which cut the
    # pack's labels off when the app made the document.
    import plotly.io as pio
    import streamlit  # noqa: F401  (registers the "streamlit" template)

    build, _ = packs
    monkeypatch.setattr(pio.templates, "default", "streamlit")
    text = document.render_html(build("GM9001"))
    charts = text.split("Plotly.newPlot(")[1:]
    assert len(charts) >= 5 and all('"automargin":true' in chart for chart in charts)


def test_all_members_and_english(packs):
    build, _ = packs
    pack = build(None, "en")
    assert pack.title == "IT commissioning board: all members, Q3 2026"
    _, table = pack.sections[0].tables[0]
    assert len(table) == 6
    assert pack.sections[-1].points and all(p.text("en") for p in pack.sections[-1].points)


def test_the_html_document_is_self_contained_and_holds_every_section(packs):
    build, _ = packs
    pack = build("GM9001")
    text = document.render_html(pack)
    for section in pack.sections:
        assert f"<section id='{section.key}'><h2>{section.title}</h2>" in text
    assert "<section id='definitions'>" in text
    assert "Filters: Turfbrug, 3e kwartaal 2026. Gegevens tot en met 31 oktober 2026." in text
    assert "@page { size: A4 landscape" in text and "break-before: page" in text
    markup = re.sub(r"<script>.*?</script>", "", text, flags=re.S)  # plotly.js itself, inline
    assert not re.search(r"""(src|href)=['"]?(https?:)?//""", markup)  # nothing fetched from elsewhere
    assert text.count('class="plotly-graph-div"') == sum(len(s.charts) for s in pack.sections)
