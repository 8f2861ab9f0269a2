"""The demo generator: every contract table plus manifest.json for six fictional members.

The data cover the five full years before the as-of date's year and that year up
to the last full month. Same seed, size and as-of date give the same bytes: the
manifest records the as-of date as the load time.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq

from regie import manifest, summaries
from regie.contract import TABLES, arrow_schema
from regie.db import Database
from regie.demo import money, reference, tickets
from regie.tables_io import PARQUET_OPTIONS, table_files, write_table

DEFAULT_TICKETS = 250_000


class DemoRefused(RuntimeError):
    """The data directory holds data that the generator did not make."""


def data_range(as_of: date) -> tuple[date, date]:
    """First day covered and the first day not covered (the start of the as-of month)."""
    until = date(as_of.year, as_of.month, 1)
    return date(until.year - 5, 1, 1), until


def generate(
    data_dir: Path,
    total_tickets: int = DEFAULT_TICKETS,
    seed: int = 1,
    as_of: date | None = None,
    force: bool = False,
    progress=None,
) -> dict:
    data_dir = Path(data_dir)
    existing = manifest.read(data_dir)
    if existing and not existing.get("generator") and not force:
        raise DemoRefused(f"{data_dir} holds imported data; use another --data-dir or --force to overwrite it")
    first, until = data_range(as_of or date.today())
    years = list(range(first.year, until.year + 1))
    data = reference.member_years(seed, years)
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        for path in table_files(data_dir, name):
            path.unlink()
        shutil.rmtree(data_dir / name, ignore_errors=True)
    shutil.rmtree(data_dir / summaries.FOLDER, ignore_errors=True)

    workstations = {y: float(data.workstations[:, i].sum()) for i, y in enumerate(years)}
    ticket_shares = {y: data.workstations[:, i] / data.workstations[:, i].sum() for i, y in enumerate(years)}
    writers: dict[int, pq.ParquetWriter] = {}
    written = 0
    try:
        for year, month in tickets.generate(seed, total_tickets, first, until, ticket_shares, workstations):
            if year not in writers:
                path = data_dir / "tickets" / f"year={year}" / "part-0.parquet"
                path.parent.mkdir(parents=True, exist_ok=True)
                writers[year] = pq.ParquetWriter(path, arrow_schema("tickets"), **PARQUET_OPTIONS)
            writers[year].write_table(month)
            written += month.num_rows
            if progress:
                progress(written, total_tickets)
    finally:
        for writer in writers.values():
            writer.close()

    contract_rows = money.contracts(first.year, until)
    invoice_table = money.invoices(seed, data, contract_rows, until, one_offs=max(total_tickets // 50, 10))
    money.set_ceilings(contract_rows, invoice_table, until)
    tables = {
        "municipalities": reference.municipalities(),
        "municipality_years": reference.municipality_years(data),
        "sla_norms": reference.sla_norms(first.year),
        "contracts": money.contracts_table(contract_rows),
        "budgets": money.budgets(seed, data, until),
        "savings": money.savings(seed, data, until, contract_rows),
        "invoices": invoice_table,
    }
    for name, table in tables.items():
        write_table(data_dir / f"{name}.parquet", table)

    db = Database(data_dir)
    try:
        source = f"demo generator (seed {seed}, {total_tickets} tickets, as of {until.isoformat()})"
        info = {name: {**manifest.describe_table(db.con, data_dir, name), "sources": [source]} for name in TABLES}
        loaded = datetime.combine(until, datetime.min.time())
        manifest.write(data_dir, info, until - timedelta(days=1), loaded, generator=source)
        db.refresh()
        summaries.build(db)
    finally:
        db.close()
    return info
