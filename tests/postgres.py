"""A PostgreSQL server of the test's own: Debian's `postgresql` binaries, a cluster in a temporary
folder, listening on 127.0.0.1 on a free port with its socket in that folder, stopped at the end.

PostgreSQL refuses to run as root, so under root (CI) the server runs as the `postgres` user
that Debian's package creates; the folder is made outside pytest's private temporary folder so
that this user can reach it. Without PostgreSQL the test is skipped with the install command,
except under CI (CI set), where that is a failure: .ci/run installs it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import free_port

INSTALL = "sudo apt-get install postgresql"


def binaries() -> Path | None:
    """The folder of the newest PostgreSQL under /usr/lib/postgresql (Debian), else of an initdb on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    initdb = found[-1] if found else shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def serve() -> Iterator[str]:
    """Start a server with a database `regie` (user `regie`, trusted on this machine only) and
    yield its libpq connection string; stop it and remove its folder afterwards."""
    bin_dir = binaries()
    if bin_dir is None:
        message = f"PostgreSQL not found under /usr/lib/postgresql: install it with `{INSTALL}` to run this test"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    as_server = []  # the command prefix that runs the server's programs as an unprivileged user
    folder = Path(tempfile.mkdtemp(prefix="regie-pg-"))
    if os.geteuid() == 0:
        as_server = ["runuser", "-u", "postgres", "--"]
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    cluster, port = folder / "cluster", free_port()

    def run(*command: str, server: bool = True) -> None:
        done = subprocess.run([*(as_server if server else []), *command], cwd=folder, capture_output=True, text=True)
        log = folder / "server.log"
        assert done.returncode == 0, f"{command[0]} failed: {done.stdout}{done.stderr}" + (
            log.read_text()[-2000:] if log.is_file() else ""
        )

    try:
        run(str(bin_dir / "initdb"), "-D", str(cluster), "-U", "regie", "--auth=trust", "-E", "UTF8", "--no-locale")
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(str(bin_dir / "pg_ctl"), "-D", str(cluster), "-l", "server.log", "-o", options, "-w", "start")
        try:
            run(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "regie", "regie", server=False)
            yield f"dbname=regie host=127.0.0.1 port={port} user=regie"
        finally:
            run(str(bin_dir / "pg_ctl"), "-D", str(cluster), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def database(dsn: str, name: str) -> str:
    """A new, empty database on the server of `dsn` (a lake of its own); its connection string."""
    parts = dict(part.split("=", 1) for part in dsn.split())
    command = [str(binaries() / "createdb"), "-h", parts["host"], "-p", parts["port"], "-U", parts["user"], name]
    subprocess.run(command, check=True, capture_output=True)
    return dsn.replace(f"dbname={parts['dbname']}", f"dbname={name}")
