"""The lake's history: the snapshots our writes made, and undo (a return to the state before the
last write, as a new snapshot, so that an undo can itself be undone)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from regie import lake


def snapshots(data_dir: Path) -> list[lake.Snapshot]:
    if lake.layout(data_dir) != "lake":
        raise lake.Refused(f"{data_dir} holds no lake: nothing has been written there yet")
    con = duckdb.connect()
    try:
        lake.attach(con, data_dir)
        return lake.history(con)
    finally:
        con.close()


def report(data_dir: Path) -> str:
    lines = [f"Snapshots of {data_dir} (newest last):"]
    for snap in snapshots(data_dir):
        at = snap.at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if hasattr(snap.at, "astimezone") else snap.at
        details = dict(snap.details)
        files = details.pop("files", [])
        said = ", ".join(f"{k} {v}" for k, v in details.items())
        lines.append(f"  {snap.id:>5}  {at}  {snap.message}" + (f"  ({said})" if said else ""))
        lines += [f"           {f['name']}  sha256 {f['sha256']}" for f in files]
    return "\n".join(lines)


def undo(data_dir: Path) -> str:
    """Return every table to the state before the last write, as one new snapshot."""
    with lake.locked(data_dir):
        writes = snapshots(data_dir)
        if not writes:
            raise lake.Refused(f"{data_dir}: no write to undo")
        last = writes[-1]
        target = last.id - 1
        details = {"undid": last.id, "returned_to": target, "what": last.message}
        with lake.writing(data_dir, "undo", details) as con:
            now = lake.tables(con)
            then = {name for name in now if _existed(con, name, target)}
            lake.begin(con)
            for name in sorted(now - then):
                con.execute(f"drop table lake.{name}")
            for name in sorted(then):
                _restore(con, name, target)
    return f"Undid snapshot {last.id} ({last.message}): {data_dir} is as it was at snapshot {target}."


def _existed(con: duckdb.DuckDBPyConnection, name: str, snapshot: int) -> bool:
    try:
        con.execute(f"describe select * from lake.{name} at (version => {int(snapshot)})")
    except duckdb.Error:
        return False
    return True


def _restore(con: duckdb.DuckDBPyConnection, name: str, snapshot: int) -> None:
    """The table as it was at `snapshot`, under its own name and with its partitioning."""
    con.execute(f"create table lake.{name}__undo as select * from lake.{name} at (version => {int(snapshot)})")
    con.execute(f"drop table lake.{name}")
    con.execute(f"alter table lake.{name}__undo rename to {name}")
    if name == "tickets":
        con.execute("alter table lake.tickets set partitioned by (year(opened_at))")
