"""Where the data directory lives: a local folder, or an object-store URL (s3://, gs://, az://, ...).

A URL is opened with universal_pathlib, whose paths offer what the readers use of a local Path
(`/`, `is_file`, `is_dir`, `rglob`, `read_text`, `read_bytes`, `open`), through the fsspec
filesystem of the URL's scheme. The same filesystem object is registered on each DuckDB
connection, so the views read the Parquet files from the URL as they read them from disk: with
projection and row-group pruning, by range requests.

The dashboard, `check`, `kpis` and `pack` read a URL. Writing (`demo`, `import`, `summarize`, the
upload page) needs a local folder: an import stages a whole new directory and swaps it in with one
rename, which object stores do not have. Build the data on disk and copy it to the bucket, manifest
last (docs/deployment.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

Location = Any  # pathlib.Path for a folder, upath.UPath for a URL


def is_url(where: object) -> bool:
    text = str(where)
    return "://" in text and not text.startswith("file://")


def location(where: object) -> Location:
    """A path object for a folder or a URL; a path object given is returned as it is."""
    if isinstance(where, Path) or (not isinstance(where, str) and hasattr(where, "fs")):
        return where
    if is_url(where):
        from upath import UPath

        return UPath(str(where))
    return Path(str(where))


def key(where: object) -> str:
    """One text per data directory, for caches: the absolute folder, or the URL."""
    found = location(where)
    return str(found) if is_url(found) else str(found.resolve())


def register(con: duckdb.DuckDBPyConnection, where: Location) -> None:
    """Let `con` read the files of a URL data directory (nothing to do for a folder)."""
    if is_url(where):
        filesystem = where.fs
        names = (filesystem.protocol,) if isinstance(filesystem.protocol, str) else filesystem.protocol
        if not any(con.filesystem_is_registered(name) for name in names):
            con.register_filesystem(filesystem)


class NotLocal(ValueError):
    """A command that writes the data directory was given a URL."""


def require_local(where: object, command: str) -> Path:
    """The folder to write, or NotLocal with what to do instead."""
    if is_url(where):
        raise NotLocal(
            f"{command} writes the data directory, which must be a local folder, not {where}: "
            "build the data in a folder, then copy it to the bucket, manifest.json last (docs/deployment.md)"
        )
    return Path(str(where))
