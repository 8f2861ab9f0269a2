"""The demo generator: every contract table of six fictional members, as one snapshot of the lake.

The data cover the five full years before the as-of date's year and that year up
to the last full month. Same seed, size and as-of date give the same rows: the
manifest records the as-of date as the load time.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq

from regie import derive, lake
from regie.contract import arrow_schema
from regie.db import Database
from regie.demo import money, reference, tickets
from regie.tables_io import PARQUET_OPTIONS, write_table

DEFAULT_TICKETS = 250_000


class DemoRefused(RuntimeError):
    """The data directory holds data that the generator did not make."""


def data_range(as_of: date) -> tuple[date, date]:
    """First day covered and the first day not covered (the start of the as-of month)."""
    until = date(as_of.year, as_of.month, 1)
    return date(until.year - 5, 1, 1), until


def refusal(data_dir: Path) -> str | None:
    """Why the generator may not write into `data_dir`, or None: it writes only into an empty
    directory or a lake that holds only its own demo data."""
    where = lake.layout(data_dir)
    if where == "empty":
        return None
    if where == "extracts":
        return f"{data_dir} holds Parquet extracts (the layout before the lake); use another --data-dir"
    if where == "other":
        return f"{data_dir} holds files that are not the dashboard's; use an empty folder as --data-dir"
    try:
        db = Database(data_dir)
    except lake.Damaged as damaged:
        return f"{damaged} The demo does not write over it."
    try:
        if db.manifest is None or not db.manifest.get("generator"):
            return f"{data_dir} holds imported data; use another --data-dir"
    finally:
        db.close()
    return None


def generate(
    data_dir: Path,
    total_tickets: int = DEFAULT_TICKETS,
    seed: int = 1,
    as_of: date | None = None,
    progress=None,
) -> dict:
    """Write the demo as one new snapshot of the lake in `data_dir`; DemoRefused when it holds
    anything but the generator's own data. Returns the manifest's table info."""
    data_dir = Path(data_dir)
    with lake.locked(data_dir):
        why = refusal(data_dir)
        if why:
            raise DemoRefused(why)
        staging = Path(tempfile.mkdtemp(prefix=".demo-", dir=data_dir))
        try:
            files = _write_files(staging, total_tickets, seed, as_of, progress)
            first, until = data_range(as_of or date.today())
            source = f"demo generator (seed {seed}, {total_tickets} tickets, as of {until.isoformat()})"
            loaded = datetime.combine(until, datetime.min.time())
            details = {"source": source}
            info = derive.write_tables(
                data_dir, files, until - timedelta(days=1), loaded, "demo", details, generator=source
            )
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return info


def _write_files(folder: Path, total_tickets: int, seed: int, as_of: date | None, progress) -> dict[str, list[str]]:
    """Every table as Parquet files in `folder` (a stage inside the data directory)."""
    first, until = data_range(as_of or date.today())
    years = list(range(first.year, until.year + 1))
    data = reference.member_years(seed, years)
    workstations = {y: float(data.workstations[:, i].sum()) for i, y in enumerate(years)}
    ticket_shares = {y: data.workstations[:, i] / data.workstations[:, i].sum() for i, y in enumerate(years)}
    writers: dict[int, pq.ParquetWriter] = {}
    written = 0
    try:
        for year, month in tickets.generate(seed, total_tickets, first, until, ticket_shares, workstations):
            if year not in writers:
                path = folder / f"tickets-{year}.parquet"
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
    files = {"tickets": [str(folder / f"tickets-{year}.parquet") for year in sorted(writers)]}
    for name, table in tables.items():
        write_table(folder / f"{name}.parquet", table)
        files[name] = [str(folder / f"{name}.parquet")]
    return files
