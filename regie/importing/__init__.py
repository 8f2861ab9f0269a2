"""Importing real extracts into the contract tables: read, map, convert, check, write one snapshot.

`run_import` is the one entry point, used by `python -m regie import` and by the
upload on the Gegevens page. Nothing is written unless every row of every file is
valid and the data as a whole still meet the contract afterwards; the new rows and
everything derived from them are committed together (regie/lake.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from regie import derive, lake, manifest, windows
from regie.check import check, check_written
from regie.contract import TABLES
from regie.db import Database
from regie.importing import convert, csvfile, mapping, sources, ubl
from regie.importing.problems import ImportFailed, Outcome, Problem

KINDS = tuple(TABLES)
# What a newer import replaces: every line of an invoice it contains; otherwise rows by key.
REPLACE_BY = {"invoices": ("invoice_id",)}


def _replaced_by(kind: str) -> tuple[str, ...]:
    """The columns whose values an import replaces: every old row with the imported values goes."""
    return REPLACE_BY.get(kind, TABLES[kind].key)


FOLDER_TYPES = tuple(sorted(s for s in sources.FORMATS if s != ".txt"))


def expand(files: list[Path]) -> tuple[list[Path], list[str]]:
    """Files as given; a folder stands for the XML, JSON, CSV, XLSX and Parquet files in it (not its .txt
    files, which a folder of e-invoices holds as licences and read-me's: name one to import it). Also
    the names of the folders' other files, which are skipped."""
    out, skipped = [], []
    for path in map(Path, files):
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file())
            out += [p for p in found if p.suffix.lower() in FOLDER_TYPES]
            skipped += [p.name for p in found if p.suffix.lower() not in FOLDER_TYPES]
        else:
            out.append(path)
    return out, skipped


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _contracts(db: Database) -> dict[str, tuple[str, str]]:
    rows = db.sql("select contract_id, cost_category, route from contracts")
    return {c: (category, route) for c, category, route in rows.itertuples(index=False)}


def _read(kind: str, files: list[Path], rules: mapping.Mapping, municipality, db, progress, strict=False) -> tuple:
    """Every file as a `Source` in the writer's connection, mapped: (prepared, rows read, notes,
    dropped source columns); or ImportFailed with the problems of every file."""
    con = db.con
    problems, notes, dropped, read = [], [], set(), 0
    contracts = _contracts(db) if any(sources.FORMATS.get(p.suffix.lower()) == "xml" for p in files) else {}
    found, documents = [], []  # Sources of tabular files, and e-invoices (one Arrow table per document)
    for number, path in enumerate(files, start=1):
        if progress:
            progress(f"{path.name} ({number} of {len(files)})", 0)
        name = f"_source_{number}"
        try:
            kind_of_file = sources.file_format(path)
            if kind_of_file == "xml":
                if kind != "invoices":
                    raise ImportFailed([Problem.of(path.name, "-", "-", "", "rule_xml_invoices_only")])
                table, file_notes = ubl.read(path, contracts)
                notes += file_notes
                documents.append((path, table))
                read += table.num_rows
                continue
            if kind_of_file == "csv":
                source = csvfile.load_csv(con, path, name, rules.delimiter, rules.encoding, progress)
            elif kind_of_file == "xlsx":
                source = sources.Source.from_arrow(con, sources.read_xlsx(path, rules.sheet, progress), name)
            elif kind_of_file == "json":
                source = sources.Source.from_arrow(con, sources.read_json(path), name)
            else:
                source = sources.Source.from_arrow(con, sources.read_parquet(path), name)
            found.append(source)
            read += source.rows
        except ImportFailed as failed:
            problems += failed.problems
            read += failed.read
    if not strict:  # a document sent again: the latest counts (--strict refuses the repeat instead)
        documents, aside = ubl.latest_documents(documents)
        notes = ubl.without_set_aside(notes, aside) + aside
    start = len(files) + 1
    found += [sources.Source.from_arrow(con, t, f"_source_{start + i}") for i, (_, t) in enumerate(documents)]
    prepared, defaults = [], {}
    for number, source in enumerate(found):
        try:
            done = mapping.apply(rules, source, kind, municipality, con, number)
        except ImportFailed as failed:
            problems += failed.problems
            continue
        prepared.append(done)
        dropped.update(done.dropped)
        for column, (value, count) in done.defaults.items():
            defaults[column] = (value, defaults.get(column, (value, 0))[1] + count)
    notes += [("note_defaults", {"column": c, "value": v, "rows": f"{n:,}", "n": n}) for c, (v, n) in defaults.items()]
    if problems:
        for source in found:
            source.drop(con)
        raise ImportFailed(problems, read=read)
    return prepared, read, ubl.grouped(notes), sorted(dropped - ubl.OWN_COLUMNS), found


def _prepare(con, prepared: list[mapping.Prepared], materialize: bool) -> convert.Rows:
    """The mapped text of every file: a subquery over the sources, or (`materialize`, for an event
    log, whose rows are collapsed first) the temporary table `_prepared`. A column that one file's
    mapping left as the source has it gets its `__src` copy here (the messages quote the source)."""
    changed = set().union(*(p.changed for p in prepared))
    selects, params = [], {}
    for p in prepared:
        extra = "".join(f', "{c}" as "{c}__src"' for c in sorted(changed - p.changed))
        selects.append(f"select *{extra} from ({p.select})")
        params.update(p.params)
    rows = convert.Rows(f"({' union all by name '.join(selects)})", params)
    if not materialize:
        return rows
    rows.run(con, "create or replace temp table _prepared as select * from {rows}")
    return convert.Rows("_prepared")


def run_import(
    kind: str,
    files: list[Path],
    data_dir: Path,
    mapping_name: str | Path | None = None,
    municipality: str | None = None,
    replace: bool = False,
    dry_run: bool = False,
    progress: Callable[[str, int], None] | None = None,
    strict: bool = False,
) -> Outcome:
    """Import files into one table; raises ImportFailed (with every problem found) and writes nothing then.
    `strict` refuses an e-invoice that another document in the import repeats, rather than keeping the latest."""
    if kind not in TABLES:
        raise ImportFailed([Problem.of("-", "-", "-", kind, "rule_unknown_kind", kinds=", ".join(KINDS))])
    data_dir = Path(data_dir).absolute()
    given = [str(p) for p in files]
    files, skipped = expand(files)
    if not files:
        where = ", ".join(given) or "-"
        raise ImportFailed([Problem.of(where, "-", "-", "", "rule_no_files", types=", ".join(FOLDER_TYPES))])
    if mapping_name is None and kind == "invoices" and any(p.suffix.lower() == ".xml" for p in files):
        mapping_name = "ubl"
    rules = mapping.load(mapping_name, kind)
    try:
        with lake.locked(data_dir):
            outcome = _write(kind, files, data_dir, rules, municipality, replace, dry_run, progress, strict)
    except lake.Busy:
        raise ImportFailed([Problem.of(data_dir, "-", "-", "", "rule_busy")]) from None
    except _Nothing as nothing:
        outcome = nothing.outcome
    if skipped:  # a folder's PDFs and read-me's: said, so that a user does not look for them in the data
        outcome.notes.insert(0, ("note_skipped", {"files": ", ".join(skipped), "types": ", ".join(FOLDER_TYPES)}))
    return outcome


class _Nothing(Exception):
    """Ends a write transaction without a snapshot (a dry run, or nothing changed)."""

    def __init__(self, outcome: Outcome):
        self.outcome = outcome


def _write(kind, files, data_dir, rules, municipality, replace, dry_run, progress, strict) -> Outcome:
    """Read, convert and check the files, then write them and what is derived from them in one
    transaction: one new snapshot, or none at all."""
    if lake.layout(data_dir) not in ("lake", "empty"):
        where = lake.layout(data_dir)
        raise ImportFailed([Problem.of(data_dir, "-", "-", where, "rule_not_a_lake")])
    missing = [Problem.of(p.name, "-", "-", p, "rule_file_not_found") for p in files if not p.is_file()]
    if missing:  # before hashing them for the snapshot's record
        raise ImportFailed(missing)
    details = {"table": kind, "mapping": rules.name, "files": [{"name": p.name, "sha256": _sha256(p)} for p in files]}
    with lake.writing(data_dir, f"import {kind}", details) as con:
        db = Database(data_dir, writer=con)
        before = _checked(db) if db.has_data() else []
        prepared, read, notes, dropped, found = _read(kind, files, rules, municipality, db, progress, strict)
        formats = prepared[0].formats
        try:
            rows = _prepare(con, prepared, bool(rules.latest))
            rows, repeated = convert.collapse(con, kind, formats.get("_latest"), rules.latest, rows)
            if repeated:
                raise ImportFailed(repeated[:20], rejected=len(repeated), total=len(repeated))
            text = convert.convert(con, kind, formats, rows)
            problems, total, rejected, tally = convert.validate(con, kind, formats, text)
            problems, tally = mapping.value_map_hints(rules, problems, tally)
            if problems:
                raise ImportFailed(problems, rejected=rejected, total=total, counts=tally)
        except ImportFailed as failed:
            failed.read = read
            raise
        finally:
            convert.release(con)
            for source in found:
                source.drop(con)
        outcome = _merge(con, db, kind, replace, read, dropped, notes, [p.name for p in files])
        if not outcome.written and not outcome.replaced and not replace:
            raise _Nothing(outcome)
        window = _touched(con, kind, replace)
        body = db.manifest
        lake.begin(con)  # from here, one transaction that writes the lake only
        _store(con, db, kind, replace)
        details.update(rows_read=outcome.read, written=outcome.written, replaced=outcome.replaced)
        _write_manifest(con, db, kind, files, details["files"], rules.name, outcome)
        db.reload()
        keys = ("_typed", _replaced_by(kind))
        written = None if replace else (lambda writer: check_written(writer, kind, keys, before))
        after = derive.rebuild(db, window, before=body, checker=written, changed=(kind,))
        _check_new(before, after)
        if dry_run:
            raise _Nothing(outcome)
        outcome.committed = True
    return outcome


def _store(con, db: Database, kind: str, replace: bool) -> None:
    """The new rows into the lake's table: every old row with a key the import holds is deleted
    first (all rows with --replace), so only the partitions the import touches get new files."""
    if replace:
        con.execute(f"delete from lake.{kind}")
    else:
        # Equality on key columns, which are never empty (the contract requires them): a hash join,
        # where `is not distinct from` made DuckDB compare every row (0.4 s at 10M tickets, not 0.02).
        by = _replaced_by(kind)
        match = " and ".join(f'k."{c}" = lake.{kind}."{c}"' for c in by)
        keys = ", ".join(f'"{c}"' for c in by)
        con.execute(f"delete from lake.{kind} using (select distinct {keys} from _typed) k where {match}")
    con.execute(f"insert into lake.{kind} select {_columns(kind)} from _typed")


def _touched(con, kind: str, replace: bool):
    """The months whose figures the import changes: those its rows reach and those of the rows it
    replaces (every row with --replace)."""
    by = ", ".join(f'"{c}"' for c in _replaced_by(kind))
    old = kind if replace else f"(select * from {kind} semi join (select distinct {by} from _typed) using ({by}))"
    return windows.hull(windows.touched(con, kind, "_typed"), windows.touched(con, kind, old))


def _columns(kind: str) -> str:
    return ", ".join(f'"{c}"' for c in TABLES[kind].column_names)


def _merge(cur, db, kind, replace, read, dropped, notes, names) -> Outcome:
    columns = _columns(kind)
    kept = cur.execute("select count(*) from _typed").fetchone()[0]
    by = ", ".join(_replaced_by(kind))
    replaced = cur.execute(f"select count(*) from {kind} semi join (select distinct {by} from _typed) using ({by})")
    replaced = replaced.fetchone()[0]
    unchanged = (
        0
        if not replaced
        else cur.execute(  # new keys only: nothing to compare (and hash)
            f"select count(*) from (select {columns} from _typed intersect all "
            f"select {columns} from {kind} semi join (select distinct {by} from _typed) using ({by}))"
        ).fetchone()[0]
    )
    existing = cur.execute(f"select count(*) from {kind}").fetchone()[0]
    total = kept if replace else existing - replaced + kept
    if replace:
        notes = [*notes, ("note_replace", {"rows": existing})]
    personal = [c for c in dropped if mapping.is_personal(c)]
    others = [c for c in dropped if c not in personal]
    written, replaced = kept - unchanged, replaced - unchanged if not replace else existing
    return Outcome(
        kind, names, read, kept, written, replaced, unchanged, total, others, notes, personal_columns=personal
    )


def _write_manifest(con, db: Database, kind: str, files: list[Path], hashed: list[dict], mapping_name: str, outcome):
    old = db.manifest or {}
    tables = old.get("tables", {})
    now = datetime.now().astimezone()
    info = manifest.describe_table(con, kind)
    earlier = [] if outcome.replaced == outcome.total else tables.get(kind, {}).get("sources", [])
    info["sources"] = list(dict.fromkeys([*earlier, *(p.name for p in files)]))
    info["loaded_at"] = now.isoformat(timespec="seconds")
    tables[kind] = info
    imports = [*old.get("imports", []), {
        "table": kind, "at": now.isoformat(timespec="seconds"), "mapping": mapping_name,
        "files": hashed,
        "rows_read": outcome.read, "written": outcome.written, "replaced": outcome.replaced,
    }]  # fmt: skip
    extra = {k: v for k, v in old.items() if k not in ("tables", "data_until", "generator", "imports")}
    manifest.write(con, manifest.body(tables, manifest.last_day(tables), now, **extra, imports=imports))


def _checked(db: Database) -> list:
    """The contract check's violations: as the last write stored them, else checked now the same way."""
    stored = derive.stored_check(db)
    return stored if stored is not None else check(db.data_dir, db, summaries=False)


def _check_new(before: list, after: list) -> None:
    """The import may not break a contract rule that the data met before it."""
    seen = {(v.table, v.column, v.rule) for v in before}
    new = [v for v in after if (v.table, v.column, v.rule) not in seen and "table missing" not in v.rule]
    if new:
        problems = [
            Problem.of(f"(after the import) {v.table}", ", ".join(v.examples) or "-", v.column, "", v.key, **v.values)
            for v in new
        ]
        raise ImportFailed(problems, read=0, rejected=sum(v.count for v in new))
