"""The board pack: its sections, figures equal to the pages' for the same filters, and the HTML document."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from regie import boardpack, document, labels, overview, pack_layout
from regie.coverage import Coverage
from regie.db import Database
from regie.kpis import headline, member_figures
from regie.periods import Period

QUARTER = Period.parse("2026-Q3")
ROOT = Path(__file__).resolve().parent.parent


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
        assert shown[labels.show(labels.KPIS, field, "nl")] == overview.show(field, expected[field], "nl"), field


def test_a_members_pack_sets_it_beside_every_member_taking_part(packs):
    build, db = packs
    title, table = build("GM9001").sections[1].tables[0]
    names = dict(db.run("member_counts", {"year": 2026})[["municipality_code", "name"]].values)
    assert title == "Gemeenten naast elkaar, 3e kwartaal 2026"
    assert table["Gemeente"].tolist() == [*names.values(), "Mediaan leden"] and len(names) == 6


def test_the_document_draws_with_plotlys_template_also_in_the_app(packs, monkeypatch):
    # Importing streamlit makes its template the default; its axes have no automargin, which cut the
    # pack's labels off when the app made the document. The figures are built with it, here as in the app.
    import plotly.io as pio
    import streamlit  # noqa: F401  (registers the "streamlit" template)

    build, _ = packs
    monkeypatch.setattr(pio.templates, "default", "streamlit")
    pack = build("GM9001")
    monkeypatch.setattr(pio.templates, "default", "plotly")  # as `python -m regie pack` builds them
    assert document.render_html(build("GM9001")) == document.render_html(pack)
    charts = document.render_html(pack).split("Plotly.newPlot(")[1:]
    assert len(charts) == 7 and all('"automargin":true' in chart for chart in charts)


def _plots(text: str) -> list[tuple[dict, dict]]:
    """The layout and config of each chart of the document, as its Plotly.newPlot call has them."""
    decoder, found = json.JSONDecoder(), []
    for call in text.split("Plotly.newPlot(")[1:]:
        rest = call.split(",", 1)[1].lstrip()  # after the div's id
        _, end = decoder.raw_decode(rest)  # the data
        layout, end2 = decoder.raw_decode(rest[end:].lstrip(", \n"))
        config, _ = decoder.raw_decode(rest[end:].lstrip(", \n")[end2:].lstrip(", \n"))
        found.append((layout, config))
    return found


def test_every_chart_has_a_fixed_size_that_fits_an_a4_page(packs):
    build, _ = packs
    text = document.render_html(build("GM9001"))
    plots = _plots(text)
    assert (pack_layout.FULL_WIDTH, pack_layout.HALF_WIDTH) == (1040, 511)  # A4 landscape less 2 x 10 mm: 1047 px
    assert [layout["width"] for layout, _ in plots] == [511, 511, 1040, 511, 511, 1040, 1040]
    assert all(layout["autosize"] is False and 250 <= layout["height"] <= 700 for layout, _ in plots)
    assert all(config["responsive"] is False for _, config in plots)
    # Two side by side in a row, or one the whole width.
    assert text.count("<div class='charts'><figure style='width: 511px'>") == 2
    assert text.count("<div class='charts'><figure style='width: 1040px") == 3


def _points(text: str) -> str:
    return text.split("<ol class='points'>")[1].split("</ol>")[0]


def test_without_a_public_address_a_point_names_its_page_in_plain_text(packs, monkeypatch):
    build, _ = packs
    for value in ("", "http://127.0.0.1:8501", "http://localhost:8501/", "regie.example.nl"):
        monkeypatch.setenv("REGIE_PUBLIC_URL", value)
        text = document.render_html(build("GM9001"))
        assert "127.0.0.1" not in text and "localhost" not in text and "<a class='open'" not in text, value
    first = _points(text).split("</li>")[0]
    assert first.endswith("<span class='open'>Zie de pagina Dienstverlening.</span>")
    assert _points(text).count("<li>") == 11


def test_with_a_public_address_a_point_links_to_its_page_there(packs, monkeypatch):
    build, _ = packs
    monkeypatch.setenv("REGIE_PUBLIC_URL", "https://regie.example.nl/dashboard/")
    points = _points(document.render_html(build("GM9001")))
    links = re.findall(r"<a class='open' href='([^']*)'>Bekijk op de pagina</a>", points)
    assert len(links) == 11 == points.count("<li>")
    assert (
        links[0]
        == "https://regie.example.nl/dashboard/dienstverlening?gemeente=GM9001&amp;periode=2026-Q3&amp;categorie=Netwerk"
    )
    assert all(link.startswith("https://regie.example.nl/dashboard/") for link in links)
    pack = build("GM9001", "en")
    english = re.findall(r"<a class='open' href='([^']*)'>See the page</a>", _points(document.render_html(pack)))
    assert english == [
        html.escape(f"https://regie.example.nl/dashboard{p.link('en')}") for p in pack.sections[-1].points
    ]
    assert (
        english[1]
        == "https://regie.example.nl/dashboard/kosten?gemeente=GM9001&amp;periode=2026~2026-10-31&amp;taal=en"
    )


def test_the_vergadering_page_and_the_command_make_the_same_document(demo_dir, tmp_path, monkeypatch):
    """The page's pack (made in the app's process, where streamlit is imported) and the command's (in a
    process of its own, where it is not) are the same bytes for the same quarter, member and snapshot."""
    env = {"REGIE_DATA_DIR": str(demo_dir), "REGIE_CHROMIUM": str(tmp_path / "no-chromium"),
           "REGIE_PUBLIC_URL": "https://regie.example.nl"}  # fmt: skip
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    command = [sys.executable, "-m", "regie", "pack", "--data-dir", str(demo_dir), "--period", "2026-Q3",
               "--municipality", "GM9001", "--out", str(tmp_path)]  # fmt: skip
    subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True)
    made = (tmp_path / "bestuurlijk-overleg-2026-Q3-GM9001.html").read_text(encoding="utf-8")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["kwartaal"] = "2026-Q3"
    at.run()
    at.switch_page("pages/vergadering.py").run()
    at.button(key="make_document").click().run()
    assert not at.exception, [e.value for e in at.exception]
    _, text, pdf = at.session_state["pack_files"]
    assert pdf is None and text.count("href='https://regie.example.nl/") == 11
    assert text == made


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
    assert "@page { size: A4 landscape" in text and "break-before: page" not in text  # sections flow on
    markup = re.sub(r"<script>.*?</script>", "", text, flags=re.S)  # plotly.js itself, inline
    assert not re.search(r"""(src|href)=['"]?(https?:)?//""", markup)  # nothing fetched from elsewhere
    assert text.count('class="plotly-graph-div"') == sum(len(s.charts) for s in pack.sections)
