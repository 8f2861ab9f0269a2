"""Command line: `python -m regie demo|import|pack|check|summarize|kpis --data-dir DIR ...`."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

from regie import lake, settings


class UsageError(Exception):
    """A problem with the command's input, reported in one line without a traceback."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m regie", description="Regiedashboard data tools.")
    commands = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help=f"data directory (default: ${settings.DATA_DIR.name} or '{settings.DATA_DIR.default}')",
        )
        return sub

    demo = add("demo", "Write demo data for six fictional members into the data directory.")
    demo.add_argument("--tickets", type=int, default=250_000, help="number of tickets (default 250000)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1); same seed, same bytes")
    demo.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        help="pretend today is this date (YYYY-MM-DD); data run to the last full month before it",
    )
    demo.add_argument("--if-empty", action="store_true", help="do nothing when the directory already holds data")

    imp = add("import", "Import source files into one contract table; nothing is written unless all is valid.")
    imp.add_argument("kind", help="the table: " + ", ".join(_kinds()))
    imp.add_argument("files", nargs="+", type=Path, help="CSV, XLSX, JSON, Parquet or UBL XML files, or folders")
    imp.add_argument("--mapping", default=None, help="a mapping TOML file, or the name of one in mappings/")
    imp.add_argument("--municipality", default=None, help="member code for rows without one (e.g. e-invoices)")
    imp.add_argument("--replace", action="store_true", help="replace the whole table instead of merging by key")
    imp.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    imp.add_argument(
        "--strict", action="store_true", help="refuse e-invoices another document repeats (default: the latest counts)"
    )

    pack = add("pack", "Write the board pack of a quarter as HTML (and PDF where chromium exists).")
    pack.add_argument("--period", required=True, help="a quarter, e.g. 2026-Q3")
    pack.add_argument("--municipality", default=None, help="member code, or 'all' (default $REGIE_HOME)")
    pack.add_argument("--lang", choices=("nl", "en"), default="nl")
    pack.add_argument("--out", type=Path, default=Path("."), help="folder for the files (default: here)")
    pack.add_argument(
        "--snapshot",
        type=int,
        default=None,
        help="read this snapshot of the lake (default: the newest): the number a pack states makes it again as it was",
    )
    pack.add_argument("--dvo", default=None, metavar="PROPOSAL",
                      help="add the section 'Voorstel DVO-normen': proposed norms as the dvo= value of a "
                           "DVO-herijking link, e.g. i3-240-1620-b-90")  # fmt: skip
    pack.add_argument("--dvo-period", default=None, help="the period the proposal is tried on (default: --period)")

    add("history", "List the snapshots of the data directory: when, what was written, from which files.")
    add("undo", "Return to the state before the last write, as a new snapshot (undo again to redo).")
    add("migrate", "Turn a folder of Parquet extracts (the layout before the lake) into the lake, losing nothing.")

    add("check", "Check every table of the data directory against the data contract.")

    serve = add("serve", "Start the dashboard on the data directory; refuses when sign-in is required and not set up.")
    serve.add_argument("--port", type=int, default=8501)

    summarize = add("summarize", "Bring the summary tables and stored figures up to date (done by demo and import).")
    summarize.add_argument("--force", action="store_true", help="rebuild them even when they are up to date")

    kpis = add("kpis", "Print the headline figures of one member for a period.")
    kpis.add_argument("--municipality", default=None, help=f"member code (default ${settings.HOME.name})")
    kpis.add_argument("--period", required=True, help="a year (2025), quarter (2025-Q3) or month (2025-07)")
    kpis.add_argument("--format", choices=("json", "text"), default="json")
    return parser


def _demo(args: argparse.Namespace, data_dir: Path) -> int:
    from regie import lake
    from regie.demo import DemoRefused, generate

    if args.tickets < 1:
        raise UsageError("--tickets must be at least 1")
    where = lake.layout(data_dir)
    if args.if_empty and where == "extracts":
        raise UsageError(
            f"{data_dir} holds Parquet extracts in the layout before the lake. Turn them into the lake once, "
            f"nothing is lost: python -m regie migrate --data-dir {data_dir}"
        )
    if args.if_empty and where == "lake":
        from regie.db import Database

        Database(data_dir).close()  # a lake that cannot be read is refused (lake.Damaged: exit 2), not left as it is
    if args.if_empty and where != "empty":
        print(f"{data_dir} already holds data; left as it is.")
        return 0
    started = time.monotonic()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] > 2 or done == total:
            last[0] = time.monotonic()
            print(f"  tickets: {done:,} of {total:,}", file=sys.stderr, flush=True)

    try:
        info = generate(data_dir, args.tickets, args.seed, args.as_of, progress)
    except DemoRefused as exc:
        raise UsageError(str(exc)) from exc
    rows = ", ".join(f"{name} {table['rows']:,}" for name, table in info.items())
    print(f"Demo data written to {data_dir} in {time.monotonic() - started:.1f} s: {rows}.")
    return 0


def _kinds() -> list[str]:
    from regie.contract import TABLES

    return list(TABLES)


def _import(args: argparse.Namespace, data_dir: Path) -> int:
    from regie.importing import ImportFailed, run_import

    last = [0.0]

    def progress(what: str, rows: int) -> None:
        if time.monotonic() - last[0] > 2:
            last[0] = time.monotonic()
            print(f"  reading {what}" + (f": {rows:,} rows" if rows else ""), file=sys.stderr, flush=True)

    started = time.monotonic()
    try:
        outcome = run_import(
            args.kind,
            args.files,
            data_dir,
            args.mapping,
            args.municipality,
            args.replace,
            args.dry_run,
            progress,
            args.strict,
        )
    except ImportFailed as failed:
        print(failed.report(), file=sys.stderr)
        return 1
    print(outcome.report())
    print(f"  took {time.monotonic() - started:.1f} s; data directory {data_dir}")
    return 0


def _covered(db, text: str):
    """The covered part of the period `text` names; refused when the data cover none of it."""
    from regie.coverage import Coverage
    from regie.periods import PeriodError

    try:
        return Coverage.of(db.manifest).refuse(text)
    except PeriodError as exc:
        raise UsageError(str(exc)) from exc


def _proposal(db, args: argparse.Namespace) -> tuple:
    """The request, the norms in force and the changed norms of --dvo, tried on --dvo-period."""
    from regie import whatif
    from regie.norm_proposal import ProposalError

    if not args.dvo.strip():
        raise UsageError("--dvo is empty: give the proposed norms, e.g. --dvo i3-240-1620-b-90")
    request = whatif.Request(_covered(db, args.dvo_period or args.period), args.dvo)
    try:
        return (request, *whatif.resolve(db.run, request))
    except ProposalError as exc:
        raise UsageError(f"--dvo: {exc}") from exc


def _taking_part(members, code: str, year: int) -> None:
    if code not in set(members["municipality_code"]):
        known = ", ".join(f"{c} ({n})" for c, n in zip(members["municipality_code"], members["name"], strict=True))
        why = f"no municipality_years row for {year}"
        raise UsageError(f"unknown municipality '{code}' in {year} ({why}); members taking part are {known}")


def _pack(args: argparse.Namespace, data_dir: Path) -> int:
    from regie import boardpack, document
    from regie.coverage import Coverage
    from regie.db import Database
    from regie.periods import Period, PeriodError

    try:
        period = Period.parse(args.period)
    except PeriodError as exc:
        raise UsageError(str(exc)) from exc
    if period.kind != "quarter":
        raise UsageError(f"--period must be a quarter such as 2026-Q3, not '{args.period}'")
    if args.dvo_period and args.dvo is None:
        raise UsageError("--dvo-period names the period of a proposal: give the proposal with --dvo")
    started = time.monotonic()
    db = Database(data_dir, snapshot=args.snapshot)  # pinned: every figure below is read from this snapshot
    try:
        if not db.has_data():
            at = f" at snapshot {db.snapshot}" if args.snapshot is not None else ""
            raise UsageError(f"{data_dir} holds no data{at}")
        period = _covered(db, args.period)
        names = dict(db.run("member_counts", {"year": period.year})[["municipality_code", "name"]].values)
        code = args.municipality or settings.HOME.get()
        if code != "all" and code not in names:
            raise UsageError(f"unknown municipality '{code}'; members are {', '.join(names)} or 'all'")
        member = None if code == "all" else code
        proposal = _proposal(db, args) if args.dvo is not None else None
        pack = boardpack.build(db.run, db.figures, names, settings.HOME.get(), period, member, Coverage.of(db.manifest),
                               args.lang, snapshot=db.snapshot, snapshot_at=db.snapshot_at,
                               proposal=proposal)  # fmt: skip
    finally:
        db.close()
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"bestuurlijk-overleg-{period}-{code}"
    html_text, pdf_bytes = document.make(pack, progress=lambda s: print(f"  {s}", file=sys.stderr, flush=True))
    stem.with_suffix(".html").write_text(html_text, encoding="utf-8")
    written = [stem.with_suffix(".html")]
    if pdf_bytes is None:
        print("No chromium found: the PDF is skipped (sudo apt-get install chromium).", file=sys.stderr)
    else:
        stem.with_suffix(".pdf").write_bytes(pdf_bytes)
        written.append(stem.with_suffix(".pdf"))
    if not settings.public_url():
        print(
            f"{settings.PUBLIC_URL.name} names no public address: the points name their page without a link.",
            file=sys.stderr,
        )
    print(f"Wrote {', '.join(map(str, written))} from snapshot {pack.snapshot} in {time.monotonic() - started:.1f} s.")
    return 0


def _check(data_dir: Path) -> int:
    from regie.check import check, report

    violations = check(data_dir)
    print(report(data_dir, violations))
    return 1 if violations else 0  # a store that cannot be read at all: lake.Damaged, exit 2


def _summarize(args: argparse.Namespace, data_dir: Path) -> int:
    from regie import derive, lake

    started = time.monotonic()
    if lake.layout(data_dir) != "lake":
        raise UsageError(f"{data_dir} holds no data: run `python -m regie demo --data-dir {data_dir}` first")
    built = derive.summarize(data_dir, args.force)
    if built:
        print(f"Built {', '.join(built)} in {data_dir} in {time.monotonic() - started:.1f} s.")
    else:
        print(f"The summaries in {data_dir} are up to date.")
    return 0


def _history(data_dir: Path) -> int:
    from regie import history

    print(history.report(data_dir))
    return 0


def _undo(data_dir: Path) -> int:
    from regie import history

    print(history.undo(data_dir))
    return 0


def _migrate(data_dir: Path) -> int:
    from regie import migrate

    print(migrate.migrate(data_dir))
    return 0


def _kpis(args: argparse.Namespace, data_dir: Path) -> int:
    from regie.db import Database
    from regie.kpis import headline
    from regie.periods import Period, PeriodError

    try:
        Period.parse(args.period)  # a malformed period is refused before the data are opened
    except PeriodError as exc:
        raise UsageError(str(exc)) from exc
    db = Database(data_dir)
    try:
        if not db.has_data():
            raise UsageError(f"{data_dir} holds no data: run `python -m regie demo --data-dir {data_dir}` first")
        period = _covered(db, args.period)
        code = args.municipality or settings.HOME.get()
        _taking_part(db.run("member_counts", {"year": period.year}), code, period.year)
        result = headline(db.run, code, period, (db.manifest or {}).get("data_until"), db.figures)
    finally:
        db.close()
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(f"{result['municipality']} {result['period']} (data up to {result['data_until']})")
        for name, value in result["current"].items():
            print(f"  {name:28} {value!s:>16} {result['previous'][name]!s:>16} {result['member_average'][name]!s:>16}")
    return 0


def _serve(args, data_dir: Path) -> int:
    """Check sign-in (required but missing, or an access file that cannot be used), then become
    `streamlit run dashboard.py`."""
    from regie import access, signin

    missing = signin.required_but_missing()
    if missing:
        print(f"error: {missing}", file=sys.stderr)
        return 2
    if signin.auth_configured():
        try:
            access.load(settings.access_file())
        except access.AccessFileError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    os.environ[settings.DATA_DIR.name] = str(data_dir)
    dashboard = Path(__file__).resolve().parent.parent / "dashboard.py"
    command = [sys.executable, "-m", "streamlit", "run", str(dashboard), "--server.port", str(args.port)]
    os.execv(sys.executable, command)
    return 0  # not reached


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir = args.data_dir or settings.data_dir()
    try:
        if args.command == "demo":
            return _demo(args, data_dir)
        if args.command == "import":
            return _import(args, data_dir)
        if args.command == "pack":
            return _pack(args, data_dir)
        if args.command == "check":
            return _check(data_dir)
        if args.command == "serve":
            return _serve(args, data_dir)
        if args.command == "summarize":
            return _summarize(args, data_dir)
        if args.command in ("history", "undo", "migrate"):
            return {"history": _history, "undo": _undo, "migrate": _migrate}[args.command](data_dir)
        return _kpis(args, data_dir)
    except (UsageError, lake.Damaged, lake.Busy, lake.Refused) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
