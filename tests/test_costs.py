"""The Kosten and Leveranciers pages' own logic on small hand-made frames, exactly."""

from datetime import date

import pandas as pd
import pytest

from regie import costs
from regie.coverage import Coverage
from regie.periods import Period

NAMES = {"GM0001": "Aadorp", "GM0002": "Beedam"}


@pytest.mark.parametrize(
    ("period", "months", "expected"),
    [
        ("2025-Q3", 1, (date(2024, 10, 1), date(2025, 10, 1))),
        ("2025-Q3", 3, (date(2023, 10, 1), date(2025, 10, 1))),
        ("2025-08", 3, (date(2023, 7, 1), date(2025, 9, 1))),
        ("2025-Q3", 12, (date(2021, 1, 1), date(2026, 1, 1))),
        # None before the bucket that holds the first month with data (2021-05).
        ("2021-Q3", 1, (date(2021, 5, 1), date(2021, 10, 1))),
        ("2021-Q3", 3, (date(2021, 4, 1), date(2021, 10, 1))),
        # The last bucket is cut where the data end (2026-11-30), the year's too.
        ("2026-Q4", 1, (date(2025, 12, 1), date(2026, 12, 1))),
        ("2026", 12, (date(2021, 1, 1), date(2026, 12, 1))),
    ],
)
def test_bucket_window(period, months, expected):
    coverage = Coverage(date(2021, 5, 1), date(2026, 12, 1))
    assert costs.bucket_window(coverage.clip(Period.parse(period)), months, coverage) == expected


def test_a_cut_bucket_is_labelled_as_far_as_the_data_cover_it():
    frame = pd.DataFrame({"bucket": [date(2026, 7, 1), date(2026, 10, 1)], "cost_category": ["hosting"] * 2,
                          "route": ["ssc"] * 2, "spend_eur": [300.0, 200.0]})  # fmt: skip
    _, table, summary = costs.spend_over_time_chart(frame, 3, date(2026, 12, 1), "cost_category", "Aadorp", "nl")
    assert table["Periode"].tolist() == ["K3 2026", "K4 2026 t/m 30 nov"]
    assert summary == "Uitgaven in K4 2026 t/m 30 nov: € 200; grootste post hosting en cloud (€ 200)."


def test_concentration():
    scorecard = pd.DataFrame({"spend_eur": [50.0, 20, 10, 5, 5, 4, 3, 1, 1, 0.5, 0.5, -10]})
    top5, top10 = costs.concentration(scorecard)
    # Credit-only suppliers count as zero; total 100: the five largest hold 90, the ten largest 99.5.
    assert (top5, top10) == (90.0, 99.5)
    assert costs.concentration(pd.DataFrame({"spend_eur": []})) == (None, None)


def per_year():
    frame = pd.DataFrame(
        {
            "municipality_code": ["GM0001", "GM0002", "GM0001", "GM0002"],
            "spend_eur": [100_000.0, 330_000.0, 110_000.0, 320_000.0],
            "inhabitants": [1000, 3000, 1000, 3000],
            "workstations": [10, 30, 10, 32],
        }
    )
    return costs.per_member_year({2022: frame.iloc[:2], 2023: frame.iloc[2:]})


def test_fair_comparison_with_the_benchmark():
    frame = per_year()
    assert frame["per_inhabitant_eur"].tolist() == [100.0, 110.0, 110.0, pytest.approx(106.6667, abs=1e-4)]
    fig, table, summary = costs.fair_chart(frame, "per_inhabitant_eur", "GM0001", NAMES, "nl")
    # 2023: Aadorp 110,00; median of 110 and 106,67 = 108,33; benchmark 2023: EUR 109.
    assert (
        summary == "Aadorp gaf in 2023 € 110,00 uit, de mediaan van de leden was € 108,33; landelijke benchmark € 109."
    )
    assert table["Landelijke benchmark (M&I/Partners, externe bron)"].tolist() == [106.0, 109.0]
    assert any(trace.name.startswith("Landelijke benchmark") for trace in fig.data)


def test_fair_comparison_when_members_come_and_go():
    # Beedam takes part in 2022 only and is not among the names of the latest year; the home member
    # Ceedorp takes part in none of the years shown: its line is empty, nothing fails.
    frame = per_year().assign(name=["Aadorp", "Beedam", "Aadorp", "Beedam"])
    frame = frame[~((frame["municipality_code"] == "GM0002") & (frame["year"] == 2023))]
    names = {"GM0001": "Aadorp", "GM0003": "Ceedorp"}
    fig, table, summary = costs.fair_chart(frame, "per_inhabitant_eur", "GM0003", names, "nl")
    assert [trace.name for trace in fig.data][:4] == ["Ceedorp", "Mediaan leden", "Aadorp", "Beedam"]
    assert summary.startswith("Ceedorp gaf in 2023 n.b. uit, de mediaan van de leden was € 110,00")


def test_budget_summary_names_the_largest_overrun():
    frame = pd.DataFrame(
        {
            "municipality_code": ["GM0001"] * 3,
            "cost_category": ["consultancy", "workplace", "hosting"],
            "budget_eur": [100.0, 200.0, None],
            "actual_eur": [90.0, 150.0, 10.0],
            "forecast_eur": [180.0, 210.0, 20.0],
            "variance_eur": [80.0, 10.0, None],
            "is_overrun": pd.array([True, True, pd.NA], dtype="boolean"),
        }
    )
    _, table, summary = costs.budget_chart(frame, "GM0001", NAMES, "nl")
    assert summary == "Aadorp: 2 kostensoorten boven begroting; grootste overschrijding advies en inhuur (€ 80)."
    assert table["Beoordeling"].tolist() == ["OVERSCHRIJDING", "OVERSCHRIJDING", "geen begroting"]
    _, _, one = costs.budget_chart(frame.iloc[:1], "GM0001", NAMES, "en")
    assert one == "Aadorp: 1 cost category over budget: consultancy and hiring (€80)."


def test_cost_key_table_differences():
    frame = pd.DataFrame(
        {
            "municipality_code": ["GM0001", "GM0002"] * 4,
            "cost_key": ["agreed"] * 2 + ["inhabitants"] * 2 + ["workstations"] * 2 + ["tickets"] * 2,
            "bill_eur": [2500.0, 7500.0, 2000.0, 8000.0, 2000.0, 8000.0, 7500.0, 2500.0],
        }
    )
    table = costs.cost_key_table(frame, NAMES, "en").set_index("Municipality")
    assert table.at["Aadorp", "By inhabitants: difference"] == -500.0
    assert table.at["Aadorp", "By inhabitants: %"] == -20.0
    assert table.at["Beedam", "By ticket volume: %"] == pytest.approx(-66.7)
    _, _, summary = costs.cost_key_chart(frame, "GM0001", NAMES, "nl")
    assert summary == (
        "Aadorp betaalt € 2.500; naar inwoners € 2.000, naar werkplekken € 2.000, naar meldingen € 7.500."
    )


def test_ceiling_table_flags_a_ceiling_before_the_end():
    contracts = pd.DataFrame(
        {
            "contract_id": ["K1", "K2", "K3"],
            "title": ["Raam", "Lang", "Zonder"],
            "ceiling_eur": [1000.0, 1000.0, None],
            "spend_to_date_eur": [900.0, 500.0, 10.0],
            "ceiling_used_pct": [90.0, 50.0, None],
            "ceiling_left_eur": [100.0, 500.0, None],
            "ceiling_reached_date": pd.to_datetime(["2025-05-01", "2031-01-01", None]),
            "end_date": pd.to_datetime(["2025-12-31", "2026-12-31", "2026-01-01"]),
        }
    )
    _, table, summary = costs.ceiling_chart(contracts, "nl")
    assert table["Beoordeling"].isna().tolist() == [False, True] and table["Beoordeling"][0] == "PLAFOND VOOR EINDDATUM"
    assert table["Plafond bereikt rond"].tolist() == ["01-05-2025", "01-01-2031"]
    assert summary == "1 contract boven 80% van zijn plafond: K1 Raam met 90,0%."


def test_the_budget_heading_says_when_the_year_is_covered_in_part():
    intro = "; de prognose voor het hele jaar volgt uit het tempo tot nu toe."
    assert costs.budget_heading(2026, date(2026, 12, 1), "nl") == (
        "Begroting en prognose voor heel 2026", "Werkelijk tot en met 30 november 2026" + intro
    )  # fmt: skip
    assert costs.budget_heading(2025, date(2026, 12, 1), "nl") == (
        "Begroting en werkelijk, 2025", "Werkelijk tot en met 31 december 2025" + intro
    )  # fmt: skip
