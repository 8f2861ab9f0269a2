"""The app in AppTest: every page runs on demo data, filters come from the URL and change the figures."""

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from regie import boardpack, document
from regie.coverage import Coverage
from regie.db import Database
from regie.kpis import headline, member_figures
from regie.overview import show
from regie.periods import Period
from tests import world
from tests.helpers import write_fixture

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
PAGES = [
    "pages/overzicht.py",
    "pages/dienstverlening.py",
    "pages/kosten.py",
    "pages/leveranciers.py",
    "pages/samen.py",
    "pages/herijking.py",
    "pages/gegevens.py",
]


def started(page=None, prepare=None, **params) -> AppTest:
    """The dashboard run with the URL's `params` (after `prepare(at)`, e.g. a signed-in user), then `page`."""
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    if prepare:
        prepare(at)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def app(demo_dir, monkeypatch):
    monkeypatch.setenv("REGIE_DATA_DIR", str(demo_dir))
    return started


def metrics(at):
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(app, page):
    at = app(page)
    assert not at.error
    assert len(at.get("plotly_chart")) >= 1 or len(at.dataframe) >= 2  # charts, or (Gegevens) tables


def test_overzicht_defaults_to_home_and_last_full_quarter(app, demo_dir):
    at = app()
    assert at.sidebar.selectbox(key="gemeente").value == "GM9001"
    assert at.sidebar.selectbox(key="periode").value == "2026-Q3"
    shown = metrics(at)
    assert len(shown) == 8 and len(at.get("plotly_chart")) == 6
    # The page shows what `python -m regie kpis` computes.
    db = Database(demo_dir)
    expected = headline(db.run, "GM9001", Period.parse("2026-Q3"))["current"]
    db.close()
    assert shown["SLA-score oplossen"] == show("sla_resolution_pct", expected["sla_resolution_pct"], "nl")
    assert shown["Openstaande meldingen"] == show("backlog_open", expected["backlog_open"], "nl")
    assert shown["IT-uitgaven per inwoner"] == show(
        "spend_per_inhabitant_eur", expected["spend_per_inhabitant_eur"], "nl"
    )
    assert "Turfbrug, 3e kwartaal 2026" in [s.value for s in at.subheader]


def test_member_and_period_change_the_figures(app):
    base = metrics(app())
    other_member = metrics(app(gemeente="GM9002"))
    other_period = metrics(app(periode="2024-Q2"))
    assert other_member != base and other_period != base
    # Veenhoven is the largest member: more open tickets than Turfbrug.
    assert int(other_member["Openstaande meldingen"].replace(".", "")) > int(
        base["Openstaande meldingen"].replace(".", "")
    )
    # 2024-Q2 is the migration quarter: the verdict says the SLA score got worse.
    at = app(periode="2024-Q2")
    assert any(c.value.startswith("Slechter dan de vorige periode") for c in at.caption)


def test_english(app):
    at = app(taal="en")
    shown = metrics(at)
    assert "SLA score resolution" in shown and shown["IT spend per inhabitant"].startswith("€")
    assert "." in shown["SLA score resolution"] and "," not in shown["SLA score resolution"]


def test_tampered_parameters_give_a_notice_and_defaults(app):
    at = app(gemeente="GM0000", periode="2025-Q9", leden="GM9001,x' or 1=1 --", taal="fr", vergelijk="z" * 5000)
    assert at.sidebar.selectbox(key="gemeente").value == "GM9001"
    assert at.sidebar.selectbox(key="periode").value == "2026-Q3"
    notice = [w.value for w in at.sidebar.warning]
    assert notice and all(k in notice[0] for k in ("taal", "gemeente", "periode", "vergelijk", "leden"))
    assert dict(at.query_params) == {}  # the URL is cleaned to the defaults


def test_valid_parameters_reproduce_the_view(app):
    at = app(gemeente="GM9003", periode="2025-07", vergelijk="year_ago", leden="GM9001,GM9003")
    assert (at.sidebar.selectbox(key="gemeente").value, at.sidebar.selectbox(key="periode").value) == (
        "GM9003",
        "2025-07",
    )
    assert "Kleidam, juli 2025" in [s.value for s in at.subheader]
    assert not at.sidebar.warning
    assert at.query_params["periode"] == "2025-07"


@pytest.mark.parametrize("page", PAGES)
def test_no_data_explains_what_to_do(tmp_path, monkeypatch, page):
    monkeypatch.setenv("REGIE_DATA_DIR", str(tmp_path / "empty"))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    assert "python -m regie demo" in at.info[0].value


@pytest.mark.parametrize("page", PAGES)
def test_deep_link_on_a_fresh_server(demo_dir, monkeypatch, page):
    """A first request for /overzicht: Streamlit's legacy pages/ handling would run the page
    without the router; the page must hand the run to the router and show the same view."""
    monkeypatch.setenv("REGIE_DATA_DIR", str(demo_dir))
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.query_params["gemeente"] = "GM9002"
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.selectbox(key="gemeente").value == "GM9002"
    assert at.metric or at.dataframe


SERVICE = "pages/dienstverlening.py"


@pytest.mark.parametrize("member", ["GM9001", "GM9002", "GM9003", "GM9004", "GM9005", "GM9006"])
@pytest.mark.parametrize("period", ["2025", "2026-Q2", "2024-05"])
def test_dienstverlening_runs_for_every_member_and_period_kind(app, member, period):
    at = app(SERVICE, gemeente=member, periode=period)
    assert not at.error and not at.warning
    assert len(metrics(at)) == 9 and len(at.get("plotly_chart")) == 8


def test_dienstverlening_shows_the_kpis_figures(app, demo_dir):
    at = app(SERVICE, periode="2025-Q3")
    db = Database(demo_dir)
    expected = headline(db.run, "GM9001", Period.parse("2025-Q3"))["current"]
    db.close()
    shown = metrics(at)
    for label, field in (
        ("SLA-score oplossen", "sla_resolution_pct"),
        ("Mediane oplostijd", "resolution_hours_median"),
        ("Oplostijd P90", "resolution_hours_p90"),
        ("Open en over de norm", "backlog_past_norm"),
        ("Direct opgelost", "first_contact_resolution_pct"),
        ("Heropend", "reopen_pct"),
        ("Tevredenheid", "satisfaction_mean"),
    ):
        assert shown[label] == show(field, expected[field], "nl"), label


def test_category_choice_narrows_the_page(app, demo_dir):
    everything = metrics(app(SERVICE, periode="2025"))
    at = app(SERVICE, periode="2025", categorie="Netwerk")
    narrowed = metrics(at)
    assert narrowed != everything
    db = Database(demo_dir)
    figures = member_figures(db.run, Period.parse("2025"), category="Netwerk")
    db.close()
    assert narrowed["SLA-score oplossen"] == show(
        "sla_resolution_pct", figures.at["GM9001", "sla_resolution_pct"], "nl"
    )
    # the breaches chart now holds only that category
    assert at.query_params["categorie"] == "Netwerk"


def test_group_choice_and_a_tampered_category(app):
    at = app(SERVICE, periode="2025", groep="Servicedesk", categorie="'; drop table tickets; --")
    assert any("categorie" in w.value for w in at.warning)
    assert dict(at.query_params) == {"periode": "2025", "groep": "Servicedesk"}


@pytest.mark.parametrize("page", ["pages/kosten.py", "pages/leveranciers.py"])
@pytest.mark.parametrize(("member", "period"), [("GM9001", "2025"), ("GM9004", "2026-Q3"), ("GM9006", "2024-02")])
def test_cost_pages_run_for_members_and_period_kinds(app, page, member, period):
    at = app(page, gemeente=member, periode=period)
    assert not at.error and not at.warning
    assert len(at.get("plotly_chart")) >= 2


def test_kosten_tiles_show_the_kpis_figures(app, demo_dir):
    at = app("pages/kosten.py", periode="2025-Q3", gemeente="GM9002")
    db = Database(demo_dir)
    expected = headline(db.run, "GM9002", Period.parse("2025-Q3"))["current"]
    db.close()
    shown = metrics(at)
    assert shown["IT-uitgaven"] == show("spend_eur", expected["spend_eur"], "nl")
    assert shown["IT-uitgaven per werkplek"] == show(
        "spend_per_workstation_eur", expected["spend_per_workstation_eur"], "nl"
    )


def test_kosten_bucket_and_breakdown_from_the_url(app):
    at = app("pages/kosten.py", per="12", naar="route")
    assert at.selectbox(key="per").value == "12" and at.selectbox(key="naar").value == "route"
    tampered = app("pages/kosten.py", per="7", naar="x")
    assert any("per" in w.value and "naar" in w.value for w in tampered.warning)


@pytest.mark.parametrize(("member", "period"), [("GM9001", "2025"), ("GM9006", "2024-Q2"), ("GM9003", "2026-07")])
def test_samen_runs_for_members_and_period_kinds(app, member, period):
    at = app("pages/samen.py", gemeente=member, periode=period)
    assert not at.error and not at.warning
    assert len(at.get("plotly_chart")) == 4 and at.info  # the summary for aldermen


def test_samen_shows_the_kpis_figures_and_flags_the_contradicted_claim(app, demo_dir):
    at = app("pages/samen.py", periode="2024", gemeente="GM9006")
    db = Database(demo_dir)
    expected = headline(db.run, "GM9006", Period.parse("2024"))["current"]
    db.close()
    shown = metrics(at)
    assert shown["Gerealiseerde besparing"] == show("realized_savings_eur", expected["realized_savings_eur"], "nl")
    assert shown["Realisatiegraad"] == show("realization_pct", expected["realization_pct"], "nl")
    assert shown["Uitzonderingen op het beleid"] == show(
        "policy_exception_spend_eur", expected["policy_exception_spend_eur"], "nl"
    )
    check = next(d.value for d in at.dataframe if "Opgegeven besparing (€)" in d.value.columns)
    flagged = check[check["Beoordeling"] == "NIET GEDEKT"]
    assert flagged[["Gemeente", "Initiatief"]].values.tolist() == [
        ["Heidemond", "Collectieve inkoop mobiele telefonie"]
    ]


DATA = "pages/gegevens.py"


def test_gegevens_query_string_reproduces_the_view(app, demo_dir):
    at = app(DATA, tabel="tickets", kolom="priority", op="=", waarde="1", periode="2025-Q3", leden="GM9001")
    assert (at.selectbox(key="tabel").value, at.selectbox(key="kolom").value) == ("tickets", "priority")
    assert at.text_input(key="waarde").value == "1"
    db = Database(demo_dir)
    expected = db.sql(
        "select count(*) as n from tickets where municipality_code = 'GM9001' and priority = 1 "
        "and opened_at >= date '2025-07-01' and opened_at < date '2025-10-01'"
    )["n"][0]
    db.close()
    wanted = "1 rij, hieronder." if expected == 1 else f"{expected} rijen;"  # (a count is not formatted below 1.000)
    assert any(c.value.startswith(wanted) for c in at.caption)
    assert not at.warning


def test_gegevens_tampered_parameters(app):
    at = app(DATA, tabel="users; drop table x", kolom="nope", op="~", waarde="w" * 300)
    notice = " ".join(w.value for w in at.warning)
    assert all(k in notice for k in ("tabel", "kolom", "op", "waarde"))
    assert at.selectbox(key="tabel").value == "tickets"


def test_gegevens_refuses_xlsx_beyond_excels_limit(app, monkeypatch):
    from regie import exports

    monkeypatch.setattr(exports, "EXCEL_MAX_ROWS", 10)
    at = app(DATA, tabel="tickets")
    assert any("past niet in Excel" in w.value for w in at.warning)


def test_gegevens_offers_the_upload(app):
    at = app(DATA)
    assert "Gegevens inlezen" in [h.value for h in at.header]
    assert at.radio(key="import_kind").value == "tickets"
    assert len(at.get("file_uploader")) == 1


MEETING = "pages/vergadering.py"


def test_vergadering_for_a_member_steps_through_the_sections(app):
    at = app(MEETING, kwartaal="2026-Q2")
    assert not at.error
    assert at.title[0].value == "Bestuurlijk overleg ICT: Turfbrug, 2e kwartaal 2026"
    assert [h.value for h in at.header] == ["Samenvatting"]
    headers = []
    for _ in range(6):
        at.button(key="next").click().run()
        headers.append(at.header[0].value)
    assert headers == ["Dienstverlening", "Kosten", "Leveranciers en contracten", "Samen doen", "Bespreekpunten",
                       "Bespreekpunten"]  # fmt: skip
    at.button(key="previous").click().run()
    assert at.header[0].value == "Samen doen" and len(at.get("plotly_chart")) == 2


def test_vergadering_for_all_members_and_its_document(app, demo_dir):
    at = app(MEETING, lid="alle", onderdeel="6")
    assert at.title[0].value.startswith("Bestuurlijk overleg ICT: alle leden, 3e kwartaal 2026")
    assert at.header[0].value == "Bespreekpunten"
    points = next(m.value for m in at.markdown if "Bekijk op de pagina" in m.value)
    db = Database(demo_dir)
    names = dict(db.run("member_counts", {"year": 2026})[["municipality_code", "name"]].values)
    pack = boardpack.build(db.run, lambda p: member_figures(db.run, p), names, "GM9001", Period.parse("2026-Q3"),
                           None, Coverage.of(db.manifest), "nl")  # fmt: skip
    db.close()
    expected = [f"{i}. {p.text('nl')} [Bekijk op de pagina]({p.link('nl')})"
                for i, p in enumerate(pack.sections[-1].points, start=1)]  # fmt: skip
    assert points.splitlines() == expected
    assert expected[0] == (
        "1. Veenhoven bleef in augustus (89,2%) onder de DVO-norm voor de oplostijd (90,0%). "
        "[Bekijk op de pagina](/dienstverlening?gemeente=GM9002&periode=2026-Q3)"
    )
    at.button(key="make_document").click().run()
    assert not at.exception
    labels = [d.proto.label for d in at.get("download_button")]
    if document.chromium():
        assert labels == ["HTML (interactief, werkt offline)", "PDF (A4 liggend)"]
    else:
        assert labels == ["HTML (interactief, werkt offline)"]
        assert any("chromium" in w.value for w in at.warning)


def test_the_period_running_at_the_data_end_is_offered_as_far_as_the_data_cover_it(app, demo_dir):
    # The demo's data end on 2026-10-31 (product.md, "Coverage"): the app offers 2026-Q4 and 2026 up to
    # that day, labelled so, and nothing after it; their figures are those of the covered part.
    at = app(periode="2026-Q4~2026-10-31")
    box = at.sidebar.selectbox(key="periode")
    assert box.value == "2026-Q4~2026-10-31"
    offered = set(box.options)
    assert {"4e kwartaal 2026 t/m 31 oktober 2026", "2026 t/m 31 oktober 2026", "oktober 2026"} <= offered
    assert not {"4e kwartaal 2026", "2026", "november 2026"} & offered
    assert "Turfbrug, 4e kwartaal 2026 t/m 31 oktober 2026" in [s.value for s in at.subheader]
    db = Database(demo_dir)
    expected = headline(db.run, "GM9001", Period.parse("2026-Q4").cut_at(date(2026, 11, 1)))["current"]
    db.close()
    assert metrics(at)["Openstaande meldingen"] == show("backlog_open", expected["backlog_open"], "nl")
    for page in ("pages/kosten.py", "pages/samen.py", "pages/dienstverlening.py", "pages/gegevens.py"):
        assert not app(page, periode="2026~2026-10-31").exception, page


def test_a_link_that_names_the_running_period_opens_it_as_far_as_the_data_cover_it(app):
    # ?periode=2026-Q4 (or a key cut at an earlier end of the data) stands for the covered part.
    for named in ("2026-Q4", "2026-Q4~2026-09-30"):
        at = app(periode=named)
        assert at.sidebar.selectbox(key="periode").value == "2026-Q4~2026-10-31" and not at.warning, named
        assert at.query_params["periode"] == "2026-Q4~2026-10-31"  # the link is made canonical
    # A period the data do not cover is not applied, and the notice says what the data cover.
    assert [w.value for w in app(periode="2027-Q1").sidebar.warning] == [
        "Niet toegepast uit de link: periode. De standaardinstelling is gebruikt. Er zijn gegevens van 1 januari 2021 "
        "tot en met 31 oktober 2026."
    ]
    at = app(MEETING, kwartaal="2026-Q4")
    assert at.title[0].value == "Bestuurlijk overleg ICT: Turfbrug, 4e kwartaal 2026 t/m 31 oktober 2026"
    assert at.selectbox(key="kwartaal").options[:2] == ["4e kwartaal 2026 t/m 31 oktober 2026", "3e kwartaal 2026"]
    assert app(MEETING).selectbox(key="kwartaal").value == "2026-Q3"


def test_a_member_not_taking_part_in_the_year_is_said_so(tmp_path, monkeypatch):
    # Ceedorp joins in 2025 (tests/world.py): in December 2024 it has no figures, and the page says why.
    monkeypatch.setenv("REGIE_DATA_DIR", str(write_fixture(tmp_path / "data", **world.joining())))
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.query_params.update(gemeente=world.C, periode="2024-12")
    at.run()
    assert not at.exception and [i.value for i in at.info] == [
        "Niet deelnemend in 2024: Ceedorp (geen regel in municipality_years). Voor dat jaar zijn er geen cijfers; "
        "ze tellen niet mee in gemiddelden, medianen en vergelijkingen."
    ]
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.query_params.update(gemeente=world.A, periode="2025-01")
    at.run()
    assert not at.exception and not [i.value for i in at.info if i.value.startswith("Niet deelnemend")]


def test_a_trend_of_one_quarter_does_not_say_it_went_from_it_to_itself(app):
    at = app(periode="2021-Q1")
    said = [e.value for e in [*at.caption, *at.markdown] if "K1 2021" in e.value and "gemiddelde leden" in e.value]
    assert len(said) == 4 and all("het eerste kwartaal met gegevens" in s and "ging van" not in s for s in said)


def test_the_first_month_of_data_has_no_earlier_data(app):
    # The comparison period of the first month lies before the data: "geen eerdere gegevens", no delta.
    at = app(periode="2021-01")
    verdicts = [c.value for c in at.caption if c.value.startswith("Geen eerdere gegevens")]
    compared = ("Beter", "Slechter", "Hoger", "Lager", "Gelijk", "Geen vergelijking")
    assert len(verdicts) >= 7 and not [c.value for c in at.caption if c.value.startswith(compared)]
    assert all(not m.delta for m in at.metric)


def test_gegevens_says_when_a_filter_value_is_not_a_dutch_number(app):
    at = app(DATA, tabel="invoices", kolom="amount_excl_vat_eur", op="=", waarde="1.23", periode="2025-Q3")
    assert [w.value for w in at.warning] == [
        "'1.23' is geen getal voor kolom amount_excl_vat_eur: schrijf het zoals 1.234,5 of 1234,5. "
        "Er is niet gefilterd."
    ]


def test_a_year_ago_without_data_is_no_spend_of_zero(app):
    # 2021-Q1 is the data's first quarter: the suppliers' spend a year before is n.b., not € 0.
    at = app("pages/leveranciers.py", periode="2021-Q1")
    table = next(d.value for d in at.dataframe if "Vorig jaar zelfde periode (€)" in d.value.columns)
    assert len(table) > 0 and (table["Vorig jaar zelfde periode (€)"] == "n.b. (geen eerdere gegevens)").all()
    assert (table["Verandering (%)"] == "–").all()
    later = next(d.value for d in app("pages/leveranciers.py", periode="2022-Q1").dataframe
                 if "Vorig jaar zelfde periode (€)" in d.value.columns)  # fmt: skip
    assert (
        later["Vorig jaar zelfde periode (€)"].notna().all()
        and later["Vorig jaar zelfde periode (€)"].dtype.kind == "f"
    )


def test_one_row_found_is_said_in_the_singular(app):
    at = app("pages/gegevens.py", tabel="municipalities", kolom="municipality_code", waarde="GM9003")
    assert "1 rij, hieronder." in [c.value for c in at.caption]
