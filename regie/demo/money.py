"""Demo contracts, invoice lines, budgets and savings, consistent with each other.

Spend per member follows the cost per inhabitant of domain.md and the mix in
world.SPEND_MIX. Costs of the shared centre are billed to the SSC pseudo-member.
Licences are invoiced once a year with the year as service period; the rest
monthly with the month as service period, except consultancy and one-off
purchases, which count on their invoice date. Some invoices get a credit note.
Stories: Turfbrug's consultancy framework nears its ceiling and overruns its
budget in the last year; collective workplace hardware realises about half of
what was expected; the current year's savings are not yet known.
"""

from __future__ import annotations

import calendar as cal
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pyarrow as pa

from regie.contract import COST_CATEGORIES, SSC_CODE
from regie.demo import world
from regie.demo.reference import Years
from regie.tables_io import decimal_from_cents, to_table

VAT_RATE = 0.21
ONE_OFF = ("workplace", "own")  # bought as many small purchases, not on a monthly invoice


def _month_end(day: date) -> date:
    return date(day.year, day.month, cal.monthrange(day.year, day.month)[1])


@dataclass
class Contract:
    contract_id: str
    key: str
    supplier: str
    title: str
    route: str
    category: str
    municipality: str | None
    start: date
    end: date
    ceiling_cents: int | None = None


def contracts(first_year: int, until: date) -> list[Contract]:
    y0, last = first_year, until.year
    soon = _month_end(date(until.year + (until.month + 6) // 12, (until.month + 6) % 12 + 1, 1))
    rows = [
        Contract(
            "C-SSC-DVO",
            "ssc-dvo",
            "ssc",
            "Dienstverleningsovereenkomst SSC",
            "ssc",
            "ssc_contribution",
            None,
            date(y0 - 2, 1, 1),
            date(last + 3, 12, 31),
        ),
        Contract(
            "C-SSC-HOST",
            "ssc-hosting",
            "hosting",
            "Hosting en cloud SSC",
            "ssc",
            "hosting",
            None,
            date(y0 - 1, 1, 1),
            soon,
        ),
        Contract(
            "C-SSC-NET",
            "ssc-network",
            "network",
            "Netwerk en connectiviteit SSC",
            "ssc",
            "network",
            None,
            date(y0, 1, 1),
            date(last + 2, 3, 31),
        ),
        Contract(
            "C-SSC-WERK",
            "ssc-workplace",
            "workplace",
            "Werkplekdiensten SSC",
            "ssc",
            "workplace",
            None,
            date(y0 - 1, 7, 1),
            date(last + 1, 6, 30),
        ),
        Contract(
            "C-SSC-SEC",
            "ssc-security",
            "security",
            "Security operations SSC",
            "ssc",
            "security",
            None,
            date(y0, 1, 1),
            date(last + 1, 12, 31),
        ),
        Contract(
            "C-VNG-GTM1",
            "vng-mobile",
            "mobile",
            "GT Mobiel (VNG)",
            "collective",
            "telephony",
            None,
            date(y0 - 3, 1, 1),
            date(y0 + 1, 12, 31),
        ),
        Contract(
            "C-VNG-GTM2",
            "vng-mobile",
            "mobile",
            "GT Mobiel 2 (VNG)",
            "collective",
            "telephony",
            None,
            date(y0 + 2, 1, 1),
            date(y0 + 5, 12, 31),
        ),
        Contract(
            "C-VNG-GTM3",
            "vng-mobile",
            "mobile",
            "GT Mobiel 3 (VNG)",
            "collective",
            "telephony",
            None,
            date(y0 + 6, 1, 1),
            date(y0 + 9, 12, 31),
        ),
        Contract(
            "C-VNG-MS1",
            "vng-microsoft",
            "licences",
            "Microsoft-overeenkomst (VNG)",
            "collective",
            "licences",
            None,
            date(y0 - 1, 1, 1),
            date(y0 + 2, 12, 31),
        ),
        Contract(
            "C-VNG-MS2",
            "vng-microsoft",
            "licences",
            "Microsoft-overeenkomst 2 (VNG)",
            "collective",
            "licences",
            None,
            date(y0 + 3, 1, 1),
            date(y0 + 6, 12, 31),
        ),
    ]
    for m in world.MEMBERS:
        short = m.code[-2:]
        rows.append(
            Contract(
                f"C-{short}-ZAAK",
                "own-zaak",
                "zaak",
                f"Zaaksysteem {m.name}",
                "own",
                "applications",
                m.code,
                date(y0 - 1, 1, 1),
                date(last + 1, 12, 31),
            )
        )
        rows.append(
            Contract(
                f"C-{short}-ADV",
                "own-advies",
                "advies",
                f"Raamovereenkomst advies {m.name}",
                "own",
                "consultancy",
                m.code,
                date(last - 3, 1, 1),
                date(last, 12, 31),
            )
        )
        rows.append(
            Contract(
                f"C-{short}-ADV0",
                "own-advies",
                "advies",
                f"Raamovereenkomst advies {m.name} (oud)",
                "own",
                "consultancy",
                m.code,
                date(y0 - 2, 1, 1),
                date(last - 4, 12, 31),
            )
        )
    return rows


def contract_for(rows: list[Contract], key: str | None, member: str, day: date) -> Contract | None:
    for row in rows:
        if row.key == key and row.municipality in (None, member) and row.start <= day <= row.end:
            return row
    return None


@dataclass
class Lines:
    """Invoice lines collected as columns; money in cents."""

    columns: dict[str, list] = field(
        default_factory=lambda: {
            k: []
            for k in (
                "invoice_id",
                "line_no",
                "document_type",
                "supplier_id",
                "supplier_name",
                "contract_id",
                "municipality_code",
                "invoice_date",
                "period_start",
                "period_end",
                "cost_category",
                "route",
                "amount",
                "vat",
            )
        }
    )

    def add(self, invoice_id, line_no, doc, supplier, contract, member, day, period, category, route, cents, vat):
        c = self.columns
        c["invoice_id"].append(invoice_id)
        c["line_no"].append(line_no)
        c["document_type"].append(doc)
        c["supplier_id"].append(supplier.supplier_id)
        c["supplier_name"].append(supplier.name)
        c["contract_id"].append(contract.contract_id if contract else None)
        c["municipality_code"].append(member)
        c["invoice_date"].append(day)
        c["period_start"].append(period[0] if period else None)
        c["period_end"].append(period[1] if period else None)
        c["cost_category"].append(category)
        c["route"].append(route)
        c["amount"].append(cents)
        c["vat"].append(vat)


def annual_spend_cents(data: Years, year: int, category: str, route: str) -> dict[str, int]:
    """What each payer spends on a (category, route) in a year: members, or the SSC for ssc lines."""
    share = dict(((c, r), s) for c, r, s in world.SPEND_MIX)[(category, route)]
    per_inhabitant = world.COST_PER_INHABITANT * (1 + world.COST_RISE) ** (year - data.years[0])
    column = data.years.index(year)
    spend = {
        m.code: per_inhabitant * share * m.cost_factor * data.inhabitants[i, column]
        for i, m in enumerate(world.MEMBERS)
    }
    if route == "ssc":
        return {SSC_CODE: round(sum(spend.values()) * 100)}
    return {code: round(value * 100) for code, value in spend.items()}


def invoices(seed: int, data: Years, rows: list[Contract], until: date, one_offs: int) -> pa.Table:
    rng = np.random.default_rng([seed, 3])
    lines = Lines()
    sequence = 0
    for year in data.years:
        for category, route, _ in world.SPEND_MIX:
            if (category, route) == ONE_OFF:
                continue
            supplier_key, contract_key = world.SPEND_SUPPLIER[(category, route)]
            supplier = world.SUPPLIERS[supplier_key]
            vat_rate = 0.0 if category == "ssc_contribution" else VAT_RATE
            for payer, yearly in annual_spend_cents(data, year, category, route).items():
                if category == "licences":  # one invoice a year, the year as service period
                    months = [date(year, 1, 1)] if date(year, 1, 1) < until else []
                    portions = [yearly]
                else:
                    months = [date(year, m, 1) for m in range(1, 13) if date(year, m, 1) < until]
                    portions = [yearly / 12] * len(months)
                for month, portion in zip(months, portions, strict=True):
                    sequence += 1
                    day = month + timedelta(days=4)
                    period = (month, date(year, 12, 31)) if category == "licences" else (month, _month_end(month))
                    if category == "consultancy":
                        period, day = None, month + timedelta(days=int(rng.integers(3, 26)))
                    contract = contract_for(rows, contract_key, payer, month)
                    # Licence fees are fixed for the year and SSC charges barely move; the rest varies.
                    factor = rng.normal(1.0, 0.0 if category == "licences" else 0.01 if route == "ssc" else 0.04)
                    if category == "consultancy" and payer == world.HOME_CODE and year >= until.year - 1:
                        factor *= 1.35  # Turfbrug's extra hiring drives its framework towards the ceiling
                    if (category, payer, year) == ("telephony", world.CONTRADICTED_CODE, data.years[3]):
                        factor *= 1.3  # more mobile spend than the claimed saving allows: the invoices contradict it
                    total = round(portion * factor)
                    parts = (0.62, 0.28, 0.10) if category in ("licences", "applications") else (1.0,)
                    cents = [round(total * p) for p in parts]
                    cents[-1] += total - sum(cents)
                    invoice_id = f"F{year}-{sequence:06d}"
                    for line_no, amount in enumerate(cents, start=1):
                        lines.add(
                            invoice_id,
                            line_no,
                            "invoice",
                            supplier,
                            contract,
                            payer,
                            day,
                            period,
                            category,
                            route,
                            amount,
                            round(amount * vat_rate),
                        )
                    if rng.random() < 0.04:  # a credit note the month after, for part of the first line
                        credit = -round(cents[0] * rng.uniform(0.05, 0.2))
                        credit_day = min(day + timedelta(days=30), until - timedelta(days=1))
                        lines.add(
                            f"C{year}-{sequence:06d}",
                            1,
                            "credit_note",
                            supplier,
                            contract,
                            payer,
                            credit_day,
                            period,
                            category,
                            route,
                            credit,
                            round(credit * vat_rate),
                        )
    _one_off_purchases(rng, lines, data, until, one_offs)
    c = lines.columns
    return to_table(
        "invoices",
        {
            **{k: v for k, v in c.items() if k not in ("amount", "vat")},
            "line_no": np.array(c["line_no"], dtype="int32"),
            "amount_excl_vat_eur": decimal_from_cents(np.array(c["amount"])),
            "vat_eur": decimal_from_cents(np.array(c["vat"])),
        },
    )


def _one_off_purchases(rng, lines: Lines, data: Years, until: date, count: int) -> None:
    """Small purchases without a contract (accessories, repairs), counted on their invoice date.

    They carry the `workplace`/`own` share of the spend mix: each member-year's amount is
    divided over its lines, so the spend does not depend on how many lines there are.
    """
    supplier = world.SUPPLIERS[world.SPEND_SUPPLIER[ONE_OFF][0]]
    groups = [
        (year, code, cents)
        for year in data.years
        for code, cents in annual_spend_cents(data, year, "workplace", "own").items()
    ]
    totals = np.array([cents for _, _, cents in groups], dtype="float64")
    per_group = np.maximum(1, np.floor(count * totals / totals.sum())).astype("int64")
    sequence = 0
    for (year, code, cents), n in zip(groups, per_group, strict=True):
        first = date(year, 1, 1)
        days = min((date(year + 1, 1, 1) - first).days, (until - first).days)
        if days <= 0:
            continue
        share = days / (date(year + 1, 1, 1) - first).days  # the current year: only the months so far
        weights = rng.lognormal(0.0, 0.9, n)
        amounts = np.floor(cents * share * weights / weights.sum()).astype("int64")
        amounts[0] += round(cents * share) - amounts.sum()
        offsets = np.sort(rng.integers(0, days, n))
        for offset, amount in zip(offsets, amounts, strict=True):
            sequence += 1
            day = first + timedelta(days=int(offset))
            lines.add(
                f"K{year}-{sequence:07d}",
                1,
                "invoice",
                supplier,
                None,
                code,
                day,
                None,
                "workplace",
                "own",
                int(amount),
                round(int(amount) * VAT_RATE),
            )


def set_ceilings(rows: list[Contract], table: pa.Table, until: date) -> None:
    """Ceilings from the spend: Turfbrug's framework is about 92% used; the rest have room."""
    ids = table.column("contract_id").to_pylist()
    amounts = table.column("amount_excl_vat_eur").to_pylist()
    used: dict[str, int] = {}
    for contract_id, amount in zip(ids, amounts, strict=True):
        if contract_id:
            used[contract_id] = used.get(contract_id, 0) + int(amount * 100)
    for row in rows:
        spent = used.get(row.contract_id, 0)
        if row.key == "own-advies":
            ratio = 0.92 if row.municipality == world.HOME_CODE and row.end >= until else 0.70
            row.ceiling_cents = int(np.ceil(spent / ratio / 1_000_000)) * 1_000_000
        elif row.key in ("own-zaak", "ssc-hosting", "ssc-workplace"):
            row.ceiling_cents = int(np.ceil(spent * 1.6 / 1_000_000 + 1)) * 1_000_000


def contracts_table(rows: list[Contract]) -> pa.Table:
    return to_table(
        "contracts",
        {
            "contract_id": [r.contract_id for r in rows],
            "supplier_id": [world.SUPPLIERS[r.supplier].supplier_id for r in rows],
            "title": [r.title for r in rows],
            "route": [r.route for r in rows],
            "cost_category": [r.category for r in rows],
            "municipality_code": [r.municipality for r in rows],
            "start_date": [r.start for r in rows],
            "end_date": [r.end for r in rows],
            "ceiling_eur": decimal_from_cents([r.ceiling_cents for r in rows]),
        },
    )


def budgets(seed: int, data: Years, until: date) -> pa.Table:
    rng = np.random.default_rng([seed, 4])
    rows: dict[str, list] = {"municipality_code": [], "year": [], "cost_category": [], "cents": []}
    for year in data.years:
        column = data.years.index(year)
        share = data.shares[:, column] / 1_000_000
        planned = {(m.code, c): 0.0 for m in world.MEMBERS for c in COST_CATEGORIES}
        for category, route, _ in world.SPEND_MIX:
            for payer, cents in annual_spend_cents(data, year, category, route).items():
                if payer == SSC_CODE:
                    for i, m in enumerate(world.MEMBERS):
                        planned[(m.code, category)] += cents * share[i]
                else:
                    planned[(payer, category)] += cents
        for (code, category), cents in planned.items():
            factor = rng.normal(1.01, 0.04)
            if code == world.HOME_CODE and category == "consultancy" and year == until.year:
                factor = 0.85  # the overrun a board asks about
            rows["municipality_code"].append(code)
            rows["year"].append(year)
            rows["cost_category"].append(category)
            rows["cents"].append(int(round(cents * factor / 100_000)) * 100_000)
    return to_table(
        "budgets",
        {
            "municipality_code": rows["municipality_code"],
            "year": np.array(rows["year"], dtype="int16"),
            "cost_category": rows["cost_category"],
            "budget_eur": decimal_from_cents(np.array(rows["cents"])),
        },
    )


# What each contract-linked initiative saves on: the (category, route) of its contract's spend.
SAVED_SPEND = {"vng-mobile": ("telephony", "collective"), "vng-microsoft": ("licences", "collective"),
               "ssc-hosting": ("hosting", "ssc")}  # fmt: skip


def savings(seed: int, data: Years, until: date, rows: list[Contract]) -> pa.Table:
    """Per initiative, member and year. A contract-linked initiative names the year's contract, and
    its baseline is what that contract is expected to cost the member plus the expected saving."""
    rng = np.random.default_rng([seed, 5])
    cols: dict[str, list] = {
        k: []
        for k in (
            "initiative_id",
            "initiative",
            "route",
            "municipality_code",
            "year",
            "kind",
            "baseline",
            "contract",
            "expected",
            "realized",
            "contract_id",
        )
    }
    for initiative in world.INITIATIVES:
        for year in data.years[initiative.first_year_offset :]:
            column = data.years.index(year)
            for i, m in enumerate(world.MEMBERS):
                expected = round(initiative.saving_per_inhabitant * data.inhabitants[i, column], -2) * 100
                cost = expected * 4
                contract = contract_for(rows, initiative.contract_key, m.code, date(year, 1, 1))
                if initiative.contract_key in SAVED_SPEND:
                    spend = annual_spend_cents(data, year, *SAVED_SPEND[initiative.contract_key])
                    share = data.shares[i, column] / 1_000_000
                    cost = spend[m.code] if m.code in spend else round(spend[SSC_CODE] * share)
                known = year < until.year
                realized = round(expected * initiative.realisation * rng.normal(1.0, 0.015)) if known else None
                for key, value in (
                    ("initiative_id", initiative.initiative_id),
                    ("initiative", initiative.name),
                    ("route", initiative.route),
                    ("municipality_code", m.code),
                    ("year", year),
                    ("kind", initiative.kind),
                    ("baseline", int(cost + expected)),
                    ("contract", int(cost)),
                    ("expected", int(expected)),
                    ("realized", realized),
                    ("contract_id", contract.contract_id if contract else None),
                ):
                    cols[key].append(value)
    return to_table(
        "savings",
        {
            **{k: cols[k] for k in ("initiative_id", "initiative", "route", "municipality_code", "kind")},
            "year": np.array(cols["year"], dtype="int16"),
            "baseline_eur": decimal_from_cents(np.array(cols["baseline"])),
            "contract_eur": decimal_from_cents(np.array(cols["contract"])),
            "expected_savings_eur": decimal_from_cents(np.array(cols["expected"])),
            "realized_savings_eur": decimal_from_cents(cols["realized"]),
            "contract_id": cols["contract_id"],
        },
    )
