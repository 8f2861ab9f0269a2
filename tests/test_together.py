"""The Samen doen page's own logic on small hand-made frames, exactly."""

from datetime import date

import pandas as pd
import pytest

from regie import together
from regie.periods import Period


def savings():
    return pd.DataFrame(
        {
            "initiative_id": ["M", "M", "W", "W", "W"],
            "initiative": ["Mobiel", "Mobiel", "Werkplek", "Werkplek", "Werkplek"],
            "route": ["collective"] * 5,
            "kind": ["hard_saving", "hard_saving", "cost_avoidance", "cost_avoidance", "cost_avoidance"],
            "municipality_code": ["GM0001"] * 5,
            "year": [2024, 2025, 2024, 2025, 2026],
            "expected_savings_eur": [200_000.0, 200_000.0, 100_000.0, 100_000.0, 100_000.0],
            "realized_savings_eur": [198_000.0, 196_000.0, 60_000.0, 50_000.0, None],
            "realization_pct": [99.0, 98.0, 60.0, 50.0, None],
        }
    )


EXCEPTIONS = pd.DataFrame(
    {"municipality_code": ["GM0001"], "cost_category": ["telephony"], "supplier_id": ["1"],
     "supplier_name": ["Lokaal Telecom B.V."], "spend_eur": [12_345.6], "lines": [3]}
)  # fmt: skip


def test_summary_paragraph():
    this = {"realized_savings_eur": 246_000.0, "expected_savings_eur": 300_000.0, "realization_pct": 82.0}
    last = {"realized_savings_eur": 258_000.0}
    text = together.summary_paragraph("Aadorp", Period.parse("2025"), this, last, EXCEPTIONS, "nl")
    assert text == (
        "In 2025 heeft Aadorp € 246.000 bespaard door samen te werken, minder dan in 2024 (€ 258.000). "
        "Verwacht was € 300.000; daarvan is 82,0% gerealiseerd. De grootste uitzondering op het beleid is "
        "€ 12.346 eigen inkoop van telefonie bij Lokaal Telecom B.V., terwijl daarvoor een gezamenlijk "
        "contract bestaat."
    )
    unknown = {"realized_savings_eur": None, "expected_savings_eur": 300_000.0}
    assert together.summary_paragraph("Aadorp", Period.parse("2026"), unknown, this, EXCEPTIONS.iloc[:0], "en") == (
        "The savings of Aadorp for 2026 are not known yet; €300,000 is expected. In 2025, the realised savings "
        "were €246,000. There are no exceptions to the policy."
    )


def test_while_the_year_runs_the_invoices_give_a_provisional_figure():
    check = pd.DataFrame({"municipality_code": ["GM0001", "GM0001", "GM0002"],
                          "supported_savings_eur": [120_000.0, 30_500.4, 999.0]})  # fmt: skip
    assert together.provisional(check, "GM0001") == 150_500.4
    assert together.provisional(check, "GM0003") is None  # no initiative with a contract: nothing to say
    so_far = Period.parse("2026").cut_at(date(2026, 10, 1))
    unknown = {"realized_savings_eur": None, "expected_savings_eur": 300_000.0}
    assert together.summary_paragraph("Aadorp", so_far, unknown, None, EXCEPTIONS.iloc[:0], "nl", 150_500.4) == (
        "De besparingen van Aadorp over 2026 t/m 30 september 2026 zijn nog niet bekend; verwacht wordt € 300.000. "
        "Voorlopig: de facturen tot en met 30 september 2026 onderbouwen € 150.500 besparing op de "
        "initiatieven met een contract. Er zijn geen uitzonderingen op het beleid."
    )


def test_summary_paragraph_compares_the_same_part_of_last_year_and_never_with_nothing():
    this = {"realized_savings_eur": 246_000.0, "expected_savings_eur": 300_000.0, "realization_pct": 82.0}
    so_far = Period.parse("2026").cut_at(date(2026, 12, 1))
    text = together.summary_paragraph("Aadorp", so_far, this, {"realized_savings_eur": 250_000.0}, EXCEPTIONS.iloc[:0],
                                      "nl")  # fmt: skip
    assert text == (
        "In 2026 t/m 30 november 2026 heeft Aadorp € 246.000 bespaard door samen te werken, minder dan in "
        "2025 t/m 30 november 2025 (€ 250.000). Verwacht was € 300.000; daarvan is 82,0% gerealiseerd. "
        "Er zijn geen uitzonderingen op het beleid."
    )
    # The first year of the data: no "more than in 2020 (€ 0)"; nor when last year's savings are unknown.
    for last in (None, {"realized_savings_eur": None}):
        assert together.summary_paragraph("Aadorp", Period.parse("2021"), this, last, EXCEPTIONS.iloc[:0], "nl") == (
            "In 2021 heeft Aadorp € 246.000 bespaard door samen te werken; over 2020 zijn er geen gegevens. "
            "Verwacht was € 300.000; daarvan is 82,0% gerealiseerd. Er zijn geen uitzonderingen op het beleid."
        )


def test_cumulative_and_lagging():
    sums = together.cumulative(savings()).set_index("initiative_id")
    # Known years only: M 394000 of 400000 (98.5%); W 110000 of 200000 (55%) lags, gap 90000.
    assert sums.at["M", "realization_pct"] == pytest.approx(98.5) and not sums.at["M", "is_lagging"]
    assert sums.at["W", "gap_eur"] == 90_000.0 and sums.at["W", "is_lagging"]
    _, table, summary = together.cumulative_chart(savings(), "GM0001", "Aadorp", "nl")
    assert summary == "Sinds 2024 heeft Aadorp € 504.000 bespaard tegen € 600.000 verwacht; 1 initiatief blijft achter."
    assert table["Beoordeling"].tolist() == ["op koers", "BLIJFT ACHTER"]


def test_initiatives_hard_apart_from_avoidance():
    _, table, summary = together.initiatives_chart(savings(), "GM0001", "Aadorp", Period.parse("2025"), "en")
    assert summary == (
        "Largest item: Mobiel (€196,000). Hard savings €196,000, cost avoidance €50,000 (realised, or expected where "
        "not known yet)."
    )
    assert table["Kind of saving"].tolist() == ["hard saving", "cost avoidance"]


def test_members_cumulative_total():
    table = together.members_cumulative_table(savings(), {"GM0001": "Aadorp"}, "nl")
    assert table.iloc[-1].to_dict() == {
        "Gemeente": "Totaal", "Verwacht": 600_000.0, "Gerealiseerd": 504_000.0, "Achterstand": 96_000.0,
        "Realisatiegraad": 84.0,  # 504000 / 600000
    }  # fmt: skip


def test_check_statuses():
    check = pd.DataFrame(
        {"municipality_code": ["GM0001"] * 3, "initiative": ["A", "B", "C"], "contract_id": ["K"] * 3,
         "baseline_eur": [10.0] * 3, "actual_spend_eur": [8.0] * 3, "supported_savings_eur": [2.0] * 3,
         "realized_savings_eur": [2.0, 3.0, None], "is_unsupported": [False, True, False]}
    )  # fmt: skip
    table = together.check_table(check, {"GM0001": "Aadorp"}, "nl")
    assert table["Beoordeling"].tolist() == ["gedekt", "NIET GEDEKT", "nog niet bekend"]


def test_exceptions_summary():
    _, _, summary = together.exceptions_chart(EXCEPTIONS, {"GM0001": "Aadorp"}, "nl")
    assert summary == "1 uitzondering: Aadorp: telefonie, Lokaal Telecom B.V. (€ 12.346)."
