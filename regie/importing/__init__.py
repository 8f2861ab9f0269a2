"""Importing real extracts into the contract tables: read, map, convert, check, stage, swap in.

`run_import` is the one entry point, used by `python -m regie import` and by the
upload on the Gegevens page. Nothing is written unless every row of every file is
valid and the data directory as a whole still meets the contract afterwards.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa

from regie import manifest, storage, summaries
from regie.check import check
from regie.contract import TABLES
from regie.db import Database
from regie.importing import convert, mapping, sources, store, ubl
from regie.importing.problems import ImportFailed, Outcome, Problem

KINDS = tuple(TABLES)
# What a newer import replaces: every line of an invoice it contains; otherwise rows by key.
REPLACE_BY = {"invoices": ("invoice_id",)}


def expand(files: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the XML, CSV, XLSX and Parquet files in it."""
    out = []
    for path in map(Path, files):
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in sources.FORMATS)
        else:
            out.append(path)
    return out


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _contracts(db: Database) -> dict[str, tuple[str, str]]:
    rows = db.con.cursor().execute("select contract_id, cost_category, route from contracts").fetchall()
    return {c: (category, route) for c, category, route in rows}


def _read(kind: str, files: list[Path], rules: mapping.Mapping, municipality, db, progress) -> tuple:
    prepared, problems, notes, dropped = [], [], [], set()
    read = 0
    contracts = _contracts(db) if any(sources.FORMATS.get(p.suffix.lower()) == "xml" for p in files) else {}
    for number, path in enumerate(files, start=1):
        if progress:
            progress(f"{path.name} ({number} of {len(files)})", 0)
        try:
            kind_of_file = sources.file_format(path)
            if kind_of_file == "xml":
                if kind != "invoices":
                    raise ImportFailed([Problem.of(path.name, "-", "-", "", "rule_xml_invoices_only")])
                table, file_notes = ubl.read(path, contracts)
                notes += file_notes
            elif kind_of_file == "csv":
                table = sources.read_csv(path, rules.delimiter, rules.encoding, progress)
            elif kind_of_file == "xlsx":
                table = sources.read_xlsx(path, rules.sheet, progress)
            else:
                table = sources.read_parquet(path)
            read += table.num_rows
            done = mapping.apply(rules, table, kind, municipality)
            prepared.append(done)
            dropped.update(done.dropped)
        except ImportFailed as failed:
            problems += failed.problems
            read += failed.read
    if problems:
        raise ImportFailed(problems, read=read)
    return prepared, read, notes, sorted(dropped)


def run_import(
    kind: str,
    files: list[Path],
    data_dir: Path,
    mapping_name: str | Path | None = None,
    municipality: str | None = None,
    replace: bool = False,
    dry_run: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> Outcome:
    """Import files into one table; raises ImportFailed (with every problem found) and writes nothing then."""
    if kind not in TABLES:
        raise ImportFailed([Problem.of("-", "-", "-", kind, "rule_unknown_kind", kinds=", ".join(KINDS))])
    if storage.is_url(data_dir):
        raise ImportFailed([Problem.of("-", "-", "-", data_dir, "rule_url_data_dir")])
    data_dir = Path(data_dir).absolute()
    files = expand(files)
    if not files:
        raise ImportFailed([Problem.of("-", "-", "-", "", "rule_no_files")])
    if mapping_name is None and kind == "invoices" and any(p.suffix.lower() == ".xml" for p in files):
        mapping_name = "ubl"
    rules = mapping.load(mapping_name, kind)
    with store.locked(data_dir):
        db = Database(data_dir)
        staged = None
        try:
            prepared, read, notes, dropped = _read(kind, files, rules, municipality, db, progress)
            table = pa.concat_tables([p.table for p in prepared])
            table = table.append_column("_seq", pa.array(range(table.num_rows), pa.int64()))
            cur = db.con.cursor()
            cur.register("_prepared", table)
            repeated = convert.collapse(cur, kind, rules.latest_format, bool(rules.latest))
            if repeated:
                raise ImportFailed(repeated[:20], read=read, rejected=len(repeated), total=len(repeated))
            convert.convert(cur, kind, prepared[0].formats)
            problems, total, rejected = convert.validate(cur, kind, prepared[0].formats)
            if problems:
                raise ImportFailed(problems, read=read, rejected=rejected, total=total)
            outcome = _merge(cur, db, kind, replace, read, dropped, notes, [p.name for p in files])
            if not outcome.written and not outcome.replaced and not replace and not dry_run:
                return outcome
            staged = store.stage(data_dir, kind)
            store.write_table(cur, kind, _merged_sql(kind, replace), staged)
            staged_db = Database(staged)
            try:
                _stage_manifest(staged_db, data_dir, kind, files, rules.name, outcome)
                staged_db.refresh()
                summaries.build(staged_db)
                _check_stage(staged_db, db)
            finally:
                staged_db.close()
            if not dry_run:
                store.commit(staged, data_dir)
                staged = None
                outcome.committed = True
            return outcome
        finally:
            db.close()
            if staged is not None:
                shutil.rmtree(staged, ignore_errors=True)


def _columns(kind: str) -> str:
    return ", ".join(f'"{c}"' for c in TABLES[kind].column_names)


def _merged_sql(kind: str, replace: bool) -> str:
    new = f"select {_columns(kind)} from _typed"
    if replace:
        return new
    by = ", ".join(REPLACE_BY.get(kind, TABLES[kind].key))
    return (
        f"select {_columns(kind)} from {kind} anti join (select distinct {by} from _typed) using ({by}) union all {new}"
    )


def _merge(cur, db, kind, replace, read, dropped, notes, names) -> Outcome:
    columns = _columns(kind)
    kept = cur.execute("select count(*) from _typed").fetchone()[0]
    by = ", ".join(REPLACE_BY.get(kind, TABLES[kind].key))
    replaced = cur.execute(f"select count(*) from {kind} semi join (select distinct {by} from _typed) using ({by})")
    replaced = replaced.fetchone()[0]
    unchanged = cur.execute(
        f"select count(*) from (select {columns} from _typed intersect all select {columns} from {kind})"
    ).fetchone()[0]
    existing = cur.execute(f"select count(*) from {kind}").fetchone()[0]
    total = kept if replace else existing - replaced + kept
    if replace:
        notes = [*notes, ("note_replace", {"rows": existing})]
    return Outcome(kind, names, read, kept, kept - unchanged, replaced - unchanged if not replace else existing,
                   unchanged, total, dropped, notes)  # fmt: skip


def _stage_manifest(staged_db: Database, data_dir: Path, kind: str, files: list[Path], mapping_name: str, outcome):
    old = manifest.read(data_dir) or {}
    tables = old.get("tables", {})
    staged = staged_db.data_dir
    now = datetime.now().astimezone()
    info = manifest.describe_table(staged_db.con, staged, kind)
    earlier = [] if outcome.replaced == outcome.total else tables.get(kind, {}).get("sources", [])
    info["sources"] = list(dict.fromkeys([*earlier, *(p.name for p in files)]))
    info["loaded_at"] = now.isoformat(timespec="seconds")
    tables[kind] = info
    imports = [*old.get("imports", []), {
        "table": kind, "at": now.isoformat(timespec="seconds"), "mapping": mapping_name,
        "files": [{"name": p.name, "sha256": _sha256(p)} for p in files],
        "rows_read": outcome.read, "written": outcome.written, "replaced": outcome.replaced,
    }]  # fmt: skip
    ends = [t["date_range"][1] for n, t in tables.items() if n in ("tickets", "invoices") and t.get("date_range")]
    until = max((date.fromisoformat(e) for e in ends if e), default=date.today())
    extra = {k: v for k, v in old.items() if k not in ("tables", "data_until", "generator", "imports")}
    manifest.write(staged, tables, until, now, **extra, imports=imports)


def _checked(db: Database) -> list:
    """The contract check's violations of a directory: as its summaries stored them, else checked now
    the same way (the stage's summaries were just built from its facts, so neither side rechecks them)."""
    stored = summaries.stored_check(db.data_dir)
    return stored if stored is not None else check(db.data_dir, db, summaries=False)


def _check_stage(staged_db: Database, current_db: Database) -> None:
    """The staged directory may not break a contract rule that the current one meets."""
    current = current_db.data_dir
    before = _checked(current_db) if current.is_dir() else []
    before = {(v.table, v.column, v.rule) for v in before}
    after = _checked(staged_db)
    new = [v for v in after if (v.table, v.column, v.rule) not in before and "table missing" not in v.rule]
    if new:
        problems = [
            Problem.of(f"(after the import) {v.table}", ", ".join(v.examples) or "-", v.column, "", v.key, **v.values)
            for v in new
        ]
        raise ImportFailed(problems, read=0, rejected=sum(v.count for v in new))
