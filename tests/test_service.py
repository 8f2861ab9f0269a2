"""The Dienstverlening page's own logic on small hand-made frames, exactly."""

from datetime import date

import pandas as pd
import pytest

from regie import service
from regie.periods import Period

A = "GM0001"
WINDOW = (date(2025, 1, 1), date(2025, 4, 1))


def sla_rows():
    # January: P2 10 tickets, 8 within (target 90); P1 2 tickets, 2 within (target 95).
    # February: P2 10 tickets, 10 within. March: none.
    return pd.DataFrame(
        {
            "municipality_code": [A, A, A, A],
            "month": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-02-01", "2025-01-01"]),
            "measure": ["resolution", "resolution", "resolution", "response"],
            "ticket_type": ["incident"] * 4,
            "priority": [2, 1, 2, 2],
            "tickets": [10, 2, 10, 4],
            "within_norm": [8.0, 2.0, 10.0, 4.0],
            "target_sum": [900.0, 190.0, 900.0, 360.0],
        }
    )


def test_monthly_scores_and_targets():
    scores = service.monthly_scores(sla_rows(), "resolution", *WINDOW)
    assert scores["month"].tolist() == [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)]
    # January: 10 of 12 = 83.33%, target (900 + 190) / 12 = 90.83: under. February 100% against 90.
    assert scores["score"].iloc[0] == pytest.approx(1000 / 12) and scores["target"].iloc[0] == pytest.approx(1090 / 12)
    assert scores["is_under"].tolist() == [True, False, False]
    assert pd.isna(scores["score"].iloc[2])


def test_compliance_chart_summary_and_table():
    fig, table, summary = service.compliance_chart(sla_rows(), "resolution", WINDOW, [A], {A: "Aadorp"}, A, "nl")
    # Target over the window: (900 + 190 + 900) / 22 = 90.45%; one month under it; last month no tickets.
    assert summary == "Aadorp: 1 van de 2 maanden onder het doel van 90,5%; laatste maand n.b."
    assert table["Beoordeling"].tolist() == ["ONDER DOEL", "op of boven doel", ""]
    assert list(fig.data[0].marker.symbol) == ["x", "circle", "circle"]


def test_compliance_chart_when_the_home_member_has_no_tickets_in_the_window():
    # Only another member has tickets (as when a narrowing leaves the home member none): the home
    # member's months are empty, not an error, and the other member's line is drawn as before.
    other = sla_rows().assign(municipality_code="GM0002")
    names = {A: "Aadorp", "GM0002": "Bedorp"}
    fig, table, summary = service.compliance_chart(other, "resolution", WINDOW, ["GM0002", A], names, A, "nl")
    assert summary == "Aadorp: 0 van de 0 maanden onder het doel van n.b.; laatste maand n.b."
    assert table["Maand"].tolist() == ["jan 2025", "feb 2025", "mrt 2025"] and table["Score"].isna().all()
    assert fig.data[0].y[:2] == pytest.approx((1000 / 12, 100.0)) and all(pd.isna(y) for y in fig.data[1].y)


def test_compliance_table_per_type_and_priority():
    table = service.compliance_table(sla_rows(), A, "en")
    assert table.to_dict("records") == [
        {
            "Type": "Incident",
            "Priority": 1,
            "Tickets": 2,
            "Within norm": 2,
            "Score": 100.0,
            "Target": 95.0,
            "Assessment": "at or above target",
        },
        {
            "Type": "Incident",
            "Priority": 2,
            "Tickets": 20,
            "Within norm": 18,
            "Score": 90.0,
            "Target": 90.0,
            "Assessment": "at or above target",
        },
    ]


def test_distribution_labels_and_share():
    distribution = pd.DataFrame(
        {
            "band": [0, 2, 6],
            "hours_from": [0, 4, 90],
            "hours_to": [1, 9, None],
            "tickets": [2, 1, 1],
            "share_pct": [50.0, 25.0, 25.0],
        }
    )
    assert service.band_label(4, 9, "nl") == "4 tot 9 uur"
    assert service.band_label(90, None, "en") == "90 hours or more"
    assert service.share_within(distribution, 9) == 75.0
    _, _, summary = service.distribution_chart(distribution, Period.parse("2025-Q1"), "nl")
    assert summary == "75,0% van de meldingen was binnen 9 uur servicetijd opgelost."


def test_members_table_has_the_member_median():
    figures = pd.DataFrame(
        {
            "sla_resolution_pct": [90.0, 80.0, 95.0],
            "resolution_hours_median": [4.0, 6.0, 5.0],
            "satisfaction_mean": [7.5, None, 7.0],
            "tickets_per_100_workstations": [300.0, 400.0, 350.0],
        },
        index=["GM0001", "GM0002", "GM0003"],
    )
    table = service.members_table(figures, {"GM0001": "A", "GM0002": "B", "GM0003": "C"}, "en")
    median = table.iloc[-1].to_dict()
    assert median == {
        "Municipality": "Member median",
        "SLA score resolution": 90.0,
        "Median resolution time": 5.0,
        "Satisfaction": 7.25,
        "Tickets per 100 workstations": 350.0,
    }


def test_breaches_summary():
    found = pd.DataFrame(
        {
            "name": ["Werkplek", "Netwerk"],
            "resolved_tickets": [10, 5],
            "breaches": [3, 1],
            "breach_rate_pct": [30.0, 20.0],
            "share_of_breaches_pct": [75.0, 25.0],
        }
    )
    _, table, summary = service.breaches_chart(found, "category", None, "nl")
    assert summary == "Meeste overschrijdingen: Werkplek (3, 75,0% van alle overschrijdingen)."
    _, _, none = service.breaches_chart(found.assign(breaches=0), "category", None, "en")
    assert none == "No breaches in this period."


def test_month_window():
    first = date(2021, 1, 1)
    assert service.month_window(Period.parse("2025-Q3"), first) == (date(2024, 10, 1), date(2025, 10, 1))
    assert service.month_window(Period.parse("2025-01"), first) == (date(2024, 2, 1), date(2025, 2, 1))
    # No month before the first with data (product.md, "Coverage"): they would draw as zero.
    assert service.month_window(Period.parse("2021-01"), first) == (date(2021, 1, 1), date(2021, 2, 1))
    assert service.month_window(Period.parse("2021-Q3"), date(2021, 3, 1)) == (date(2021, 3, 1), date(2021, 10, 1))
    # A period cut where the data end: the window ends there, and its last month says so.
    cut = Period.parse("2026-Q4").cut_at(date(2026, 11, 16))
    start, end = service.month_window(cut, first)
    assert (start, end) == (date(2025, 11, 1), date(2026, 11, 16))
    assert service._month_labels(start, end, "nl")[-2:] == ["okt 2026", "nov 2026 t/m 15 nov"]
