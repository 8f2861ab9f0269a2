"""DVO-herijking in AppTest on the demo: a link reproduces a proposal, a bad one is refused in words,
a member sees its own tickets, and the board pack takes the proposal as its last section."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from regie import boardpack, charts, norm_proposal, whatif
from regie.coverage import Coverage
from regie.db import Database
from regie.periods import Period
from tests.test_app import started
from tests.test_signin import KLEIDAM, signed  # noqa: F401 (a fixture)

PAGE = "pages/herijking.py"
LINK = "i3-240-1620-b-90"  # incident P3 resolution from 9 to 27 business hours


def figures(demo_dir, code: str = LINK, members=None):
    db = Database(demo_dir)
    try:
        year = Period.parse("2025")
        current, changed = whatif.resolve(db.run, whatif.Request(year, code))
        names = dict(db.sql("select municipality_code, name from municipalities where is_ssc_member").values)
        return whatif.compute(db.run, year, members or list(names), current, changed), names
    finally:
        db.close()


def test_a_link_reproduces_the_proposal(demo_dir, monkeypatch):
    monkeypatch.setenv("REGIE_DATA_DIR", str(demo_dir))
    at = started(PAGE, periode="2025", dvo=LINK)
    assert not at.warning and not at.error
    editor = at.dataframe[0].value
    assert editor.loc[2, ["ticket_type", "priority", "resolution_hours"]].tolist() == ["Incident", 3, "27"]
    assert any(
        m.value.startswith("Voorstel: Incident prioriteit 3: reactie 4 uur, oplossen 27 uur") for m in at.markdown
    )
    result, names = figures(demo_dir)
    shown = at.dataframe[3].value  # the scores per member (after the editor and the two charts' tables)
    assert shown.equals(whatif.scores_table(result, names, "nl"))
    assert at.query_params["dvo"] == LINK
    assert [b.label for b in at.button] == ["Terug naar de normen van nu"]


def test_a_bad_link_is_refused_in_words_and_dropped_from_the_url(demo_dir, monkeypatch):
    monkeypatch.setenv("REGIE_DATA_DIR", str(demo_dir))
    at = started(PAGE, periode="2025", dvo="i3-240-0-b-90")
    assert [w.value for w in at.warning] == [
        "Het voorstel in de link is niet gebruikt: Incident prioriteit 3: de norm voor oplossen moet meer dan 0 en "
        "hoogstens 525.600 minuten zijn"
    ]
    assert "dvo" not in at.query_params
    assert any(i.value.startswith("Nog geen voorstel") for i in at.info)


def test_back_to_the_current_norms(demo_dir, monkeypatch):
    monkeypatch.setenv("REGIE_DATA_DIR", str(demo_dir))
    at = started(PAGE, periode="2025", dvo=LINK)
    at.button(key="whatif_reset").click().run()
    assert "dvo" not in at.query_params
    assert at.dataframe[0].value.loc[2, "resolution_hours"] == "9"


def test_a_member_official_tries_it_on_its_own_tickets(signed):  # noqa: F811
    at = signed(KLEIDAM, PAGE, periode="2025", dvo=LINK)
    assert not at.error and not at.warning
    scores = at.dataframe[3].value
    assert scores.iloc[:, 0].tolist() == ["Kleidam", "Kleidam"]
    assert not any("Kies er meer" in c.value for c in at.caption)


def test_the_workbook_holds_the_proposal_and_the_results(demo_dir):
    result, names = figures(demo_dir)
    from regie.whatif_outputs import workbook

    book = openpyxl.load_workbook(io.BytesIO(workbook(result, names, "nl")))
    assert book.sheetnames == ["Voorstel", "Scores", "Maanden", "Wisselingen", "Haalbare normen", "Toelichting"]
    proposal = book["Voorstel"]
    header = [c.value for c in proposal[1]]
    row = {h: c.value for h, c in zip(header, proposal[4], strict=True)}  # incident P3
    assert (row["Normen van nu: Oplossen (minuten)"], row["Voorstel: Oplossen (minuten)"]) == (540, 1620)
    scores = book["Scores"]
    first = {h.value: c.value for h, c in zip(scores[1], scores[2], strict=True)}
    expected = result.grain("member").sort_values(["municipality_code", "measure"]).iloc[0]
    assert first["Gemeente"] == names[expected.municipality_code]
    assert first["Binnen de norm voorstel (aantal)"] == expected.within_proposed
    assert isinstance(first["Score voorstel (%)"], float)
    notes = {r[0].value: r[1].value for r in book["Toelichting"].iter_rows()}
    assert notes["Voorstel in de link (dvo=)"] == LINK


def test_the_pack_takes_the_proposal_as_its_last_section(demo_dir):
    db = Database(demo_dir)
    try:
        request = whatif.Request(Period.parse("2025"), LINK)
        names = dict(db.sql("select municipality_code, name from municipalities where is_ssc_member").values)
        proposal = (request, *whatif.resolve(db.run, request))
        pack = boardpack.build(db.run, db.figures, names, "GM9001", Period.parse("2025-Q4"), None,
                               Coverage.of(db.manifest), "nl", proposal=proposal)  # fmt: skip
    finally:
        db.close()
    assert [s.key for s in pack.sections] == [*boardpack.SECTIONS, "proposal"]
    section = pack.sections[-1]
    assert section.title == "Voorstel DVO-normen"
    assert section.texts[1] == "Voorstel: Incident prioriteit 3: reactie 4 uur, oplossen 27 uur (kantooruren), doel 90%"
    assert [c.key for c in section.charts] == ["pack_whatif_resolution", "pack_whatif_response"]
    assert section.charts[0].summary == (
        "Met het voorstel scoren 6 van de 6 gemeenten hoger en 0 lager op oplossen. Met het voorstel halen 5 "
        "maanden het doel die het nu missen."
    )
    assert [title for title, _ in section.tables] == ["Scores per gemeente", "Per soort en prioriteit: wat is haalbaar"]
    assert len(section.tables[0][1]) == 12  # six members, two measures


def test_the_pack_on_the_meeting_page_opens_at_the_proposal(demo_dir, monkeypatch):
    monkeypatch.setenv("REGIE_DATA_DIR", str(demo_dir))
    at = started("pages/vergadering.py", lid="alle", dvo=LINK, dvo_periode="2025", onderdeel="7")
    assert [h.value for h in at.header][0] == "Voorstel DVO-normen"
    assert not at.warning


def test_the_chart_is_valid_plotly_and_fits_its_values(demo_dir, monkeypatch):
    monkeypatch.setattr(charts, "VALIDATE", True)
    result, names = figures(demo_dir)
    fig, table, summary = whatif.scores_chart(result, "resolution", names, "en")
    assert fig.layout.yaxis.automargin and list(fig.data[1].y) == list(names.values())
    [target] = fig.layout.shapes  # named in the legend, not by a text in the plot
    assert target.name == "Target 90%" and target.x0 == 90  # the lower median of the targets: 90 (and one 95)
    low, high = fig.layout.xaxis.range
    shown = [*fig.data[1].x, *fig.data[2].x]
    assert low < min(shown) and high > max(shown)
    assert summary == (
        "With the proposal, 6 of the 6 members score higher and 0 lower on resolution. With the proposal, 5 months "
        "meet the target that miss it now."
    )
    assert norm_proposal.encode(list(result.changed)) == LINK and result.changed[0].target_pct == Decimal("90")


def test_a_norm_that_changed_in_the_period_is_named_with_the_one_before(demo_dir, monkeypatch):
    monkeypatch.setenv("REGIE_DATA_DIR", str(demo_dir))
    at = started(PAGE, periode="2024")
    [notice] = [c.value for c in at.caption if c.value.startswith("De norm voor")]
    assert notice.startswith(
        "De norm voor Incident prioriteit 2 geldt sinds 1 juli 2024; daarvoor: reactie 30 min, oplossen 8 uur "
        "(kantooruren), doel 90%."
    )


def test_the_meeting_page_takes_the_pack_s_quarter_and_drops_a_bad_proposal(demo_dir, monkeypatch):
    monkeypatch.setenv("REGIE_DATA_DIR", str(demo_dir))
    at = started("pages/vergadering.py", kwartaal="2025-Q4", dvo=LINK, onderdeel="7")
    assert at.header[0].value == "Voorstel DVO-normen" and not at.warning
    assert "Getoetst op de meldingen van 4e kwartaal 2025" in " ".join(m.value for m in at.markdown)
    at = started("pages/vergadering.py", kwartaal="2025-Q4", dvo="x")
    assert at.warning[0].value.startswith("Het voorstel in de link is niet gebruikt: 'x' is geen norm.")
    assert "dvo" not in at.query_params


def test_the_command_line_refuses_a_proposal_it_cannot_use(demo_dir, tmp_path, capsys):
    from regie.cli import main

    base = ["pack", "--data-dir", str(demo_dir), "--period", "2025-Q4", "--out", str(tmp_path)]
    assert main([*base, "--dvo-period", "2025"]) == 2
    assert "--dvo-period names the period of a proposal" in capsys.readouterr().err
    assert main([*base, "--dvo", " "]) == 2
    assert "--dvo is empty" in capsys.readouterr().err
    assert main([*base, "--dvo", "i3-240-0-b-90"]) == 2
    assert "--dvo: Incident priority 3: the resolution norm must be more than 0" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())  # nothing written


def test_the_workbook_lists_every_norm_in_the_page_s_order(demo_dir):
    from regie.whatif_outputs import workbook

    result, names = figures(demo_dir)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook(result, names, "nl")))["Haalbare normen"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 24 and [r[1] for r in rows[:5]] == ["Incident"] * 4 + ["Verzoek"]
    assert rows[4][5:] == [0, None]  # request 1: no tickets, no realistic norm
