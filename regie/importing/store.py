"""Writing an import safely: a staged copy of the data directory, swapped in in one step.

The stage is a sibling folder of the data directory holding hard links to every file
the import does not change, the new table and a new manifest.json. Only when the
whole stage passes the contract check is it exchanged with the data directory by one
atomic rename (Linux renameat2 RENAME_EXCHANGE). A failure or a kill -9 at any moment
before that leaves the data directory as it was; a stale stage is removed by the next
import. One import runs at a time (a lock file beside the data directory).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from regie.contract import TABLES
from regie.db import sql_literal
from regie.importing.problems import ImportFailed, Problem

STAGE_PREFIX = ".import-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _sibling(data_dir: Path, suffix: str) -> Path:
    return data_dir.parent / f".{data_dir.name}{suffix}"


@contextlib.contextmanager
def locked(data_dir: Path) -> Iterator[None]:
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with _sibling(data_dir, ".import.lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            busy = Problem.of(data_dir, "-", "-", "", "rule_busy")
            raise ImportFailed([busy]) from None
        try:
            for stale in data_dir.parent.glob(f".{data_dir.name}{STAGE_PREFIX}*"):
                shutil.rmtree(stale, ignore_errors=True)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def table_paths(data_dir: Path, name: str) -> set[Path]:
    return {data_dir / f"{name}.parquet", data_dir / f"{name}.csv", data_dir / name}


def stage(data_dir: Path, replacing: str) -> Path:
    """A new sibling folder with hard links to every file except the table being replaced and the manifest."""
    staged = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}{STAGE_PREFIX}", dir=data_dir.parent))
    skip = table_paths(data_dir, replacing) | {data_dir / "manifest.json"}
    if not data_dir.is_dir():
        return staged
    for folder, subfolders, files in os.walk(data_dir):
        here = Path(folder)
        subfolders[:] = [s for s in subfolders if here / s not in skip]
        (staged / here.relative_to(data_dir)).mkdir(parents=True, exist_ok=True)
        for name in files:
            source = here / name
            if source in skip:
                continue
            target = staged / source.relative_to(data_dir)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
    return staged


def write_table(con, kind: str, select_sql: str, staged: Path) -> None:
    """The merged rows into the stage: tickets as a folder per year, the rest as one Parquet file."""
    if kind == "tickets":
        target = staged / kind
        con.execute(
            f"copy (select *, year(opened_at) as year from ({select_sql}) order by opened_at, ticket_id) "
            f"to {sql_literal(target)} (format parquet, compression zstd, partition_by (year))"
        )
    else:
        key = ", ".join(TABLES[kind].key)
        con.execute(
            f"copy (select * from ({select_sql}) order by {key}) "
            f"to {sql_literal(staged / f'{kind}.parquet')} (format parquet, compression zstd)"
        )


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        result = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    except (AttributeError, OSError):
        return False
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EPERM):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a))


def commit(staged: Path, data_dir: Path) -> None:
    """Make the stage the data directory; the old contents are removed afterwards."""
    if not data_dir.exists():
        os.rename(staged, data_dir)
        return
    if not _exchange(staged, data_dir):  # two renames: a moment without a data directory
        old = _sibling(data_dir, f"{STAGE_PREFIX}old")
        os.rename(data_dir, old)
        os.rename(staged, data_dir)
        staged = old
    shutil.rmtree(staged, ignore_errors=True)
