"""Points for discussion: each rule on hand-written figures, with the exact sentences and links."""

from __future__ import annotations

from datetime import date

import pandas as pd

from regie import discussion
from regie.periods import Period

Q3 = Period.parse("2026-Q3")
NAMES = {"GM9001": "Turfbrug", "GM9002": "Veenhoven"}


def test_months_under_target_one_point_per_member():
    monthly = pd.DataFrame({
        "municipality_code": ["GM9001", "GM9001", "GM9001", "GM9002", "GM9002", "GM9002"],
        "month": [date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1)] * 2,
        "score": [84.26, 91.0, 86.0, 95.0, 92.0, None],
        "target": [90.0, 90.0, 90.0, 90.0, 90.0, None],
        "is_under": [True, False, True, False, False, False],
    })  # fmt: skip
    [point] = discussion.months_under_target(monthly, NAMES, Q3)
    assert (
        point.text("nl")
        == "Turfbrug bleef in juli (84,3%) en september (86,0%) onder de DVO-norm voor de oplostijd (90,0%)."
    )
    assert (
        point.text("en")
        == "Turfbrug fell short of the DVO resolution target (90.0%) in July (84.3%) and September (86.0%)."
    )
    assert point.link("nl") == "/dienstverlening?gemeente=GM9001&periode=2026-Q3"
    assert point.link("en") == "/dienstverlening?gemeente=GM9001&periode=2026-Q3&taal=en"


def test_the_three_categories_with_most_breaches():
    breaches = pd.DataFrame({"name": ["Netwerk", "Werkplek", "Hosting", "Applicaties", "Telefonie"],
                             "breaches": [318.0, 984.0, 12.0, 797.0, 0.0]})  # fmt: skip
    [point] = discussion.top_breaches(breaches, Q3, None)
    assert point.text("nl") == (
        "De meeste overschrijdingen van de oplostijd in 3e kwartaal 2026: Werkplek (984), Applicaties (797) en "
        "Netwerk (318)."
    )
    assert point.link("nl") == "/dienstverlening?periode=2026-Q3&categorie=Werkplek"
    assert discussion.top_breaches(breaches.assign(breaches=0.0), Q3, None) == []


def test_budget_overruns_largest_first():
    budget = pd.DataFrame({
        "municipality_code": ["GM9001", "GM9002", "GM9001"],
        "cost_category": ["consultancy", "hosting", "licences"],
        "budget_eur": [444000.0, 555000.0, 100000.0],
        "forecast_eur": [712582.24, 555174.65, 90000.0],
        "variance_eur": [268582.24, 174.65, -10000.0],
        "is_overrun": [True, True, False],
    })  # fmt: skip
    points = discussion.budget_overruns(budget, NAMES, "2026")
    assert [p.text("nl") for p in points] == [
        "Turfbrug: advies en inhuur komt naar verwachting uit op € 712.582, € 268.582 boven de begroting van "
        "€ 444.000.",
        "Veenhoven: hosting en cloud komt naar verwachting uit op € 555.175, € 175 boven de begroting van € 555.000.",
    ]
    assert points[0].text("en") == (
        "Turfbrug: consultancy and hiring is forecast at €712,582, €268,582 over its budget of €444,000."
    )
    assert points[1].link("nl") == "/kosten?gemeente=GM9002&periode=2026"


def test_contracts_past_eighty_percent_or_ending_soon_while_running():
    status = pd.DataFrame({
        "contract_id": ["C1", "C2", "C3", "C4"],
        "title": ["Raamovereenkomst advies", "Mobiele telefonie", "Oud contract", "Hosting"],
        "end_date": [date(2027, 12, 31), date(2027, 3, 31), date(2025, 12, 31), date(2028, 6, 30)],
        "ceiling_eur": [1_000_000.0, None, 500_000.0, 2_000_000.0],
        "ceiling_used_pct": [91.7, None, 99.0, 80.0],
        "ceiling_reached_date": [pd.Timestamp("2027-02-14"), pd.NaT, pd.NaT, pd.NaT],
        "is_ending_soon": [False, True, False, False],
    })  # fmt: skip
    points = discussion.contracts(status, date(2026, 11, 1), "GM9001")
    assert [p.text("nl") for p in points] == [
        "Contract 'Raamovereenkomst advies' heeft 91,7% van zijn plafond van € 1.000.000 gebruikt; in dit tempo is "
        "het plafond op 14 februari 2027 bereikt.",
        "Contract 'Hosting' heeft 80,0% van zijn plafond van € 2.000.000 gebruikt.",
        "Contract 'Mobiele telefonie' loopt af op 31 maart 2027; de opvolging moet op tijd geregeld zijn.",
    ]
    assert points[2].link("nl") == "/leveranciers?gemeente=GM9001"


def test_savings_below_expectation_over_the_known_years():
    savings = pd.DataFrame({
        "initiative_id": ["MOB", "MOB", "MOB", "WP"],
        "initiative": ["Collectieve inkoop mobiele telefonie"] * 3 + ["Werkplekken"],
        "municipality_code": ["GM9002", "GM9002", "GM9002", "GM9001"],
        "year": [2024, 2025, 2026, 2025],
        "expected_savings_eur": [100000.0, 100000.0, 100000.0, 50000.0],
        "realized_savings_eur": [90000.0, 80000.0, None, 49000.0],
    })  # fmt: skip
    [point] = discussion.lagging_savings(savings, NAMES)
    # 2024 and 2025 are known: 170,000 of 200,000 = 85.0%, under 90%. 2026 is not known yet.
    assert point.text("nl") == (
        "Collectieve inkoop mobiele telefonie (Veenhoven): € 170.000 van de verwachte € 200.000 gerealiseerd (85,0%)."
    )
    assert point.link("nl") == "/samen?gemeente=GM9002"


def test_the_largest_exception_to_the_policy():
    exceptions = pd.DataFrame({
        "municipality_code": ["GM9001", "GM9002"], "cost_category": ["workplace", "workplace"],
        "supplier_name": ["Kantoorhuis Oost B.V.", "Kantoorhuis Oost B.V."], "spend_eur": [33361.52, 48418.99],
    })  # fmt: skip
    [point] = discussion.largest_exception(exceptions, NAMES, Q3)
    assert point.text("nl") == (
        "Veenhoven kocht in 3e kwartaal 2026 voor € 48.419 werkplek zelf in bij Kantoorhuis Oost B.V., terwijl er "
        "een collectief of SSC-contract is."
    )
    assert point.link("nl") == "/samen?gemeente=GM9002&periode=2026-Q3"
    assert discussion.largest_exception(exceptions.iloc[0:0], NAMES, Q3) == []


def test_more_than_five_points_of_a_kind_are_counted():
    budget = pd.DataFrame({
        "municipality_code": ["GM9001"] * 7, "cost_category": ["other"] * 7, "budget_eur": [10.0] * 7,
        "forecast_eur": [20.0] * 7, "variance_eur": [float(10 - i) for i in range(7)], "is_overrun": [True] * 7,
    })  # fmt: skip
    points = discussion.budget_overruns(budget, NAMES, "2026")
    assert len(points) == 6
    assert points[-1].text("nl") == "En nog 2 van deze soort; zie Kosten."
