"""A tiny hand-written world for query and KPI tests: members A and B plus the SSC, period 2025-Q1.

Every expected value in the tests is worked out by hand in the comments below.
"""

A, B = "GM0001", "GM0002"

MUNICIPALITIES = [
    {"municipality_code": A, "name": "Aadorp", "is_ssc_member": True},
    {"municipality_code": B, "name": "Beedam", "is_ssc_member": True},
    {"municipality_code": "SSC", "name": "Het SSC", "is_ssc_member": False},
]

MUNICIPALITY_YEARS = [
    {"municipality_code": A, "year": 2024, "inhabitants": 1000, "workstations": 10, "allocation_share": "0.5"},
    {"municipality_code": B, "year": 2024, "inhabitants": 3000, "workstations": 30, "allocation_share": "0.5"},
    {"municipality_code": A, "year": 2025, "inhabitants": 1000, "workstations": 10, "allocation_share": "0.25"},
    {"municipality_code": B, "year": 2025, "inhabitants": 4000, "workstations": 40, "allocation_share": "0.75"},
]

SLA_NORMS = [
    # P2 incidents: 30 min response, 240 min resolution on the business clock; from 1 Feb 2025 120 min.
    {
        "ticket_type": "incident",
        "priority": 2,
        "response_minutes": 30,
        "resolution_minutes": 240,
        "clock": "business",
        "target_pct": "90",
        "valid_from": "2020-01-01",
    },
    {
        "ticket_type": "incident",
        "priority": 2,
        "response_minutes": 30,
        "resolution_minutes": 120,
        "clock": "business",
        "target_pct": "90",
        "valid_from": "2025-02-01",
    },
    # P1 incidents: 15 / 120 minutes on the calendar clock (24x7).
    {
        "ticket_type": "incident",
        "priority": 1,
        "response_minutes": 15,
        "resolution_minutes": 120,
        "clock": "calendar",
        "target_pct": "95",
        "valid_from": "2020-01-01",
    },
]


def ticket(ticket_id, code, priority, opened, responded, resolved, response_bm, resolution_bm, **extra):
    row = {
        "ticket_id": ticket_id,
        "municipality_code": code,
        "ticket_type": "incident",
        "priority": priority,
        "category": "Werkplek",
        "channel": "phone",
        "assignee_group": "Werkplekbeheer",
        "opened_at": opened,
        "responded_at": responded,
        "resolved_at": resolved,
        "reopen_count": 0,
        "is_first_contact_resolution": False,
        "response_business_minutes": response_bm,
        "resolution_business_minutes": resolution_bm,
    }
    row.update(extra)
    return row


TICKETS = [
    # t1: Mon 6 Jan 09:00; responded 09:20 (20 <= 30); resolved 12:00 (180 <= 240): both within.
    ticket(
        "t1",
        A,
        2,
        "2025-01-06 09:00",
        "2025-01-06 09:20",
        "2025-01-06 12:00",
        20,
        180,
        satisfaction=8,
        is_first_contact_resolution=True,
    ),
    # t2: Mon 3 Feb 09:00, after the norm change: resolved 12:00 (180 > 120) breach; responded 09:30 (30 <= 30).
    ticket(
        "t2", A, 2, "2025-02-03 09:00", "2025-02-03 09:30", "2025-02-03 12:00", 30, 180, satisfaction=5, reopen_count=1
    ),
    # t3: P1 Fri 10 Jan 16:00; responded 16:16 (16 > 15) breach; resolved 17:59 (119 <= 120 calendar) within.
    ticket("t3", A, 1, "2025-01-10 16:00", "2025-01-10 16:16", "2025-01-10 17:59", 16, 60),
    # t4: P1 Sat 11 Jan 10:00; responded 10:05 (5) within; resolved 13:00: 180 calendar minutes > 120
    #     breach, although no business minutes passed.
    ticket("t4", A, 1, "2025-01-11 10:00", "2025-01-11 10:05", "2025-01-11 13:00", 0, 0),
    # t5: opened Mon 30 Dec 2024 10:00, responded 10:10 (in 2024-Q4), resolved Thu 2 Jan 10:00:
    #     30 Dec 420 + 31 Dec 540 + (1 Jan holiday) + 2 Jan 120 = 1080 > 240: breach.
    ticket("t5", A, 2, "2024-12-30 10:00", "2024-12-30 10:10", "2025-01-02 10:00", 10, 1080, satisfaction=9),
    # t6: opened Mon 31 Mar 16:00, responded 16:05 (within), resolved Tue 1 Apr 09:00 (next period).
    ticket("t6", A, 2, "2025-03-31 16:00", "2025-03-31 16:05", "2025-04-01 09:00", 5, 120),
    # t9: opened 15 Mar, still open.
    ticket("t9", A, 2, "2025-03-14 10:00", None, None, None, None),
    # t10: opened 1 Apr 08:00, after the period.
    ticket("t10", A, 2, "2025-04-01 08:00", None, None, None, None),
    # t7: B, Tue 7 Jan 09:00 to 13:00: exactly 240, within; no response recorded.
    ticket("t7", B, 2, "2025-01-07 09:00", None, "2025-01-07 13:00", None, 240, satisfaction=7),
    # t8: B, a P3 incident for which no norm exists: left out of the SLA scores, counted elsewhere.
    ticket("t8", B, 3, "2025-01-08 09:00", "2025-01-08 09:05", "2025-01-08 10:00", 5, 60, reopen_count=2),
]

INVOICES = [
    # A own, no service period, invoice date in Q1: 1000.00 in Q1.
    {
        "invoice_id": "i1",
        "line_no": 1,
        "municipality_code": A,
        "invoice_date": "2025-02-10",
        "cost_category": "workplace",
        "route": "own",
        "amount_excl_vat_eur": "1000.00",
    },
    # A collective, a year's licences: 3650.00 over 365 days, 90 of them in Q1: 900.00.
    {
        "invoice_id": "i2",
        "line_no": 1,
        "municipality_code": A,
        "invoice_date": "2025-01-05",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "cost_category": "licences",
        "route": "collective",
        "amount_excl_vat_eur": "3650.00",
    },
    # A credit note on March's collective telephony: -200.00.
    {
        "invoice_id": "c1",
        "line_no": 1,
        "document_type": "credit_note",
        "municipality_code": A,
        "invoice_date": "2025-04-10",
        "period_start": "2025-03-01",
        "period_end": "2025-03-31",
        "cost_category": "telephony",
        "route": "collective",
        "amount_excl_vat_eur": "-200.00",
    },
    # A own, dated after the period, no service period: not in Q1.
    {
        "invoice_id": "i3",
        "line_no": 1,
        "municipality_code": A,
        "invoice_date": "2025-04-02",
        "cost_category": "other",
        "route": "own",
        "amount_excl_vat_eur": "777.00",
    },
    # A own, 17 Dec 2024 - 15 Jan 2025 (30 days, 10.00 a day): 15 days in Q1 = 150.00, 15 in 2024-Q4.
    {
        "invoice_id": "i4",
        "line_no": 1,
        "municipality_code": A,
        "invoice_date": "2024-12-17",
        "period_start": "2024-12-17",
        "period_end": "2025-01-15",
        "cost_category": "consultancy",
        "route": "own",
        "amount_excl_vat_eur": "300.00",
    },
    # SSC, the quarter's hosting: 9000.00 spread 0.25 / 0.75 (the 2025 key): A 2250.00, B 6750.00.
    {
        "invoice_id": "s1",
        "line_no": 1,
        "municipality_code": "SSC",
        "invoice_date": "2025-01-03",
        "period_start": "2025-01-01",
        "period_end": "2025-03-31",
        "cost_category": "hosting",
        "route": "ssc",
        "amount_excl_vat_eur": "9000.00",
    },
    # SSC, a one-off marked own: still counts as route ssc once spread: A 250.00, B 750.00.
    {
        "invoice_id": "s2",
        "line_no": 1,
        "municipality_code": "SSC",
        "invoice_date": "2025-02-01",
        "cost_category": "other",
        "route": "own",
        "amount_excl_vat_eur": "1000.00",
    },
    # B own: 500.00.
    {
        "invoice_id": "i5",
        "line_no": 1,
        "municipality_code": B,
        "invoice_date": "2025-01-20",
        "cost_category": "applications",
        "route": "own",
        "amount_excl_vat_eur": "500.00",
    },
]
for _line in INVOICES:
    _line.setdefault("document_type", "invoice")
    _line.update(supplier_id="12345678", supplier_name="Leverancier", vat_eur="0.00")

BUDGETS = [
    # A 2025: 36500 + 3650 = 40150 a year; Q1 = 40150 x 90 / 365 = 9900.00. B has no budget rows.
    {"municipality_code": A, "year": 2025, "cost_category": "workplace", "budget_eur": "36500.00"},
    {"municipality_code": A, "year": 2025, "cost_category": "licences", "budget_eur": "3650.00"},
    {"municipality_code": A, "year": 2024, "cost_category": "workplace", "budget_eur": "99999.00"},
]

SAVINGS = [
    # A 2025: X expected 3650, realised 1825; Y expected 7300, not yet known.
    # Q1: expected 10950 x 90/365 = 2700.00; realised 1825 x 90/365 = 450.00; rate 1825/3650 = 50%.
    {
        "initiative_id": "X",
        "initiative": "Mobiel",
        "route": "collective",
        "municipality_code": A,
        "year": 2025,
        "kind": "hard_saving",
        "baseline_eur": "10000",
        "expected_savings_eur": "3650",
        "realized_savings_eur": "1825",
    },
    {
        "initiative_id": "Y",
        "initiative": "Hosting",
        "route": "ssc",
        "municipality_code": A,
        "year": 2025,
        "kind": "cost_avoidance",
        "baseline_eur": "20000",
        "expected_savings_eur": "7300",
    },
]

TABLES = {
    "municipalities": MUNICIPALITIES,
    "municipality_years": MUNICIPALITY_YEARS,
    "sla_norms": SLA_NORMS,
    "tickets": TICKETS,
    "invoices": INVOICES,
    "budgets": BUDGETS,
    "savings": SAVINGS,
}


C = "GM0003"


def joining() -> dict:
    """The world with a third member, Ceedorp, that joins in 2025: its only municipality_years row is
    2025's (the cost key of 2025 becomes A 0.25, B 0.5, C 0.25); it has no tickets and no invoices."""
    municipalities = [*MUNICIPALITIES, {"municipality_code": C, "name": "Ceedorp", "is_ssc_member": True}]
    years = [dict(row) for row in MUNICIPALITY_YEARS]
    for row in years:
        if row["year"] == 2025 and row["municipality_code"] == B:
            row["allocation_share"] = "0.5"
    years.append({"municipality_code": C, "year": 2025, "inhabitants": 2000, "workstations": 20,
                  "allocation_share": "0.25"})  # fmt: skip
    return {**TABLES, "municipalities": municipalities, "municipality_years": years}
