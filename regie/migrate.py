"""`python -m regie migrate`: the folder of Parquet extracts (the layout before the lake) turned
into the lake, proving that nothing was lost.

Every table is copied into the lake in one transaction, with its manifest; before the commit,
each table's row count and content hash (the sum of its rows' hashes, which does not depend on
the order) must equal the extract's. The extracts are left where they are: remove them yourself
once the dashboard shows the migrated data.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import duckdb

from regie import derive, lake, manifest
from regie.contract import TABLES
from regie.db import Database
from regie.sqlfiles import sql_literal
from regie.tables_io import table_files


def _source(data_dir: Path, name: str) -> str | None:
    """The extract of one table as it was read before the lake, with the contract's column types."""
    files = table_files(data_dir, name)
    if not files:
        return None
    if files[0].suffix == ".csv":
        raw = f"read_csv({sql_literal(files[0])}, header = true, all_varchar = true)"
    elif files[0] == data_dir / f"{name}.parquet":
        raw = f"read_parquet({sql_literal(files[0])})"
    else:
        pattern = data_dir / name / "**" / "*.parquet"
        raw = f"read_parquet({sql_literal(pattern)}, hive_partitioning = false, union_by_name = true)"
    columns = ", ".join(f'try_cast("{c.name}" as {c.type}) as "{c.name}"' for c in TABLES[name].columns)
    return f"select {columns} from {raw}"


def _signature(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[int, str]:
    return con.execute(f"select count(*), cast(coalesce(sum(hash(t)), 0) as varchar) from ({sql}) t").fetchone()


def migrate(data_dir: Path) -> str:
    data_dir = Path(data_dir)
    where = lake.layout(data_dir)
    if where != "extracts":
        raise lake.Refused(f"{data_dir} holds no extracts to migrate (it is {where})")
    old_manifest = data_dir / "manifest.json"
    try:
        old = json.loads(old_manifest.read_text(encoding="utf-8")) if old_manifest.is_file() else {}
    except (OSError, json.JSONDecodeError) as error:
        raise lake.Refused(f"{old_manifest} cannot be read ({error}); restore it, then migrate again") from None
    sources = {name: _source(data_dir, name) for name in TABLES}
    proof = {}
    with lake.locked(data_dir):
        details = {"from": str(data_dir), "tables": sorted(n for n, s in sources.items() if s)}
        with lake.writing(data_dir, "migrate", details) as con:
            writer = Database(data_dir, writer=con)
            lake.begin(con)
            try:
                for name, sql in sources.items():
                    if sql is not None:
                        lake.replace_table(con, name, sql)
                        proof[name] = (_signature(con, sql), _signature(con, f"select * from lake.{name}"))
            except duckdb.Error as error:
                raise lake.Refused(f"an extract in {data_dir} cannot be read: {error}") from None
            lost = [name for name, (was, now) in proof.items() if was != now]
            if lost:
                raise lake.Refused(f"migration stopped, nothing written: {', '.join(lost)} would differ")
            tables = {n: {**old.get("tables", {}).get(n, {}), **manifest.describe_table(con, n)} for n in proof}
            for info in tables.values():
                info.pop("checksum", None)
                info.pop("files", None)
            until = date.fromisoformat(old["data_until"]) if old.get("data_until") else manifest.last_day(tables)
            extra = {k: v for k, v in old.items() if k not in ("tables", "data_until")}
            manifest.write(con, manifest.body(tables, until, datetime.now().astimezone(), **extra))
            writer.reload()
            derive.rebuild(writer)
    lines = [f"Migrated {data_dir} into the lake; nothing lost (rows and content hash of every table):"]
    lines += [f"  {name:20} {was[0]:>12,} rows  hash {was[1]}" for name, (was, _) in proof.items()]
    lines.append("The old extracts are still in place; remove them once the dashboard shows these data.")
    return "\n".join(lines)
