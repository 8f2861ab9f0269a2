"""The one table formatter: cells as the user reads them, in Dutch and English, units in the headers."""

from __future__ import annotations

from datetime import date

import pandas as pd

from regie import table_format


def _frame() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "Gemeente": ["Turfbrug", "Kleidam"],
            "Uitgaven": [984994.96, -27583.35],
            "Score": [93.8, None],
            "Meldingen": [1234, 5],
            "Opgegeven": [None, 1500.0],
            "Sinds": [date(2026, 12, 1), None],
            "Geladen": pd.to_datetime(["2026-12-01 09:05:00", "2026-12-02 00:00:00"]),
            "Binnen plafond": [True, False],
        }
    )
    return table_format.declare(
        frame, eur=["Uitgaven", "Opgegeven"], pct=["Score"], missing={"Opgegeven": "not known yet"}
    )


def test_cells_in_dutch_with_units_in_the_headers():
    shown = table_format.shown(_frame(), "nl")
    assert list(shown.columns) == [
        "Gemeente", "Uitgaven (€)", "Score (%)", "Meldingen", "Opgegeven (€)", "Sinds", "Geladen", "Binnen plafond",
    ]  # fmt: skip
    assert shown.iloc[0].tolist() == [
        "Turfbrug", "984.994,96", "93,8", "1.234", "n.b. (nog niet bekend)", "01-12-2026", "01-12-2026 09:05", "ja",
    ]  # fmt: skip
    assert shown.iloc[1].tolist() == ["Kleidam", "-27.583,35", "–", "5", "1.500,00", "–", "02-12-2026 00:00", "nee"]


def test_cells_in_english():
    shown = table_format.shown(_frame(), "en")
    assert shown.iloc[0].tolist()[1:6] == ["984,994.96", "93.8", "1,234", "n/a (not known yet)", "2026-12-01"]
    assert shown.iloc[1, 7] == "no"


def test_kinds_read_off_values_and_contract_names():
    frame = pd.DataFrame(
        {"spend_eur": [1.5], "share_pct": [12.25], "n": [3.0], "x": [2.5], "day": [pd.Timestamp("2026-01-02")]}
    )
    assert [table_format.kind_of(frame, c) for c in frame] == ["eur", "pct", "count", "number", "date"]
    assert table_format.shown(frame, "nl").iloc[0].tolist() == ["1,50", "12,3", "3", "2,50", "02-01-2026"]


def test_a_year_has_no_thousands_mark():
    frame = pd.DataFrame({"year": [2026], "Jaar": [2025], "n": [2026]})
    assert table_format.shown(frame, "nl").iloc[0].tolist() == ["2026", "2025", "2.026"]


def test_times_of_several_zones_in_one_column():
    frame = pd.DataFrame({"Geladen": [pd.Timestamp("2026-12-01 09:05"), pd.Timestamp("2026-12-02 10:00", tz="UTC")]})
    assert table_format.kind_of(frame, "Geladen") == "datetime"
    assert table_format.shown(frame, "nl")["Geladen"].tolist() == ["01-12-2026 09:05", "02-12-2026 10:00"]


def test_a_header_that_names_its_unit_keeps_it():
    assert table_format.header("Doel (%)", "pct", "nl") == "Doel (%)"
    assert table_format.header("Doel", "pct", "nl") == "Doel (%)"
    assert table_format.header("Meldingen", "count", "nl") == "Meldingen"
    assert table_format.header("%", "pct", "nl") == "%"
    assert table_format.header("target_pct", "pct", "nl") == "target_pct"  # a contract's name says it already
    assert table_format.header("Mediaan", "hours", "nl") == "Mediaan (uur)"


def test_the_grid_keeps_numbers_and_shows_text():
    styler = table_format.styled(_frame(), "nl")
    assert styler.data["Uitgaven (€)"].tolist() == [984994.96, -27583.35]  # sorted as numbers
    # a column with an empty value is its text: the grid would draw "None" in the empty cell
    assert styler.data["Score (%)"].tolist() == ["93,8", "–"]
    assert styler.data["Opgegeven (€)"].tolist() == ["n.b. (nog niet bekend)", "1.500,00"]
    html = styler.to_html()
    for text in ("984.994,96", "n.b. (nog niet bekend)", "01-12-2026 09:05", ">ja<", ">–<"):
        assert text in html
    assert "None" not in html and "nan" not in html and "2026-12-01T" not in html


def test_html_escapes_and_aligns_numbers():
    frame = table_format.declare(pd.DataFrame({"Naam": ["<b>A&B</b>"], "Bedrag": [1.0]}), eur=["Bedrag"])
    assert table_format.html(frame, "nl") == (
        "<table><thead><tr><th>Naam</th><th class=num>Bedrag (€)</th></tr></thead>"
        "<tbody><tr><td>&lt;b&gt;A&amp;B&lt;/b&gt;</td><td class=num>1,00</td></tr></tbody></table>"
    )


def test_a_download_keeps_the_values_under_the_shown_headers():
    labelled = table_format.labelled(_frame(), "en")
    assert list(labelled.columns)[:3] == ["Gemeente", "Uitgaven (€)", "Score (%)"]
    assert labelled["Uitgaven (€)"].tolist() == [984994.96, -27583.35]


def test_a_load_time_is_shown_on_the_dutch_clock():
    from regie.ui import local_time

    assert local_time("2026-12-02T10:00:00+00:00") == pd.Timestamp("2026-12-02 11:00")  # CET
    assert local_time("2026-07-02T10:00:00+00:00") == pd.Timestamp("2026-07-02 12:00")  # CEST
    assert local_time("2026-12-02T10:00:00") == pd.Timestamp("2026-12-02 10:00") and local_time("") is None


def test_every_table_on_a_page_goes_through_the_formatter():
    """st.dataframe and st.table are given table_format.styled(...), never a frame as it is."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    bare = []
    for path in [*root.glob("pages/*.py"), *root.glob("regie/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("dataframe", "table"):
                shown = ast.unparse(node.args[0]) if node.args else ""
                if getattr(node.func.value, "id", "") == "st" and not shown.startswith("table_format.styled("):
                    bare.append(f"{path.name}:{node.lineno}")
    assert bare == []
