"""The audit log: imports, undos, downloads and documents made, one JSON line each.

Each entry holds the time, the account's subject identifier (never its name or e-mail), its
role, what was done and for which members. The log is `audit.jsonl` in the data directory,
appended to under a lock; entries older than REGIE_AUDIT_DAYS are dropped when it is written
(the log is rewritten whole into a temporary file that replaces it, so a failed write leaves it
as it was).
"""

from __future__ import annotations

import fcntl
import json
import os
from datetime import datetime, timedelta
from pathlib import Path

from regie import settings
from regie.access import Scope

NAME = "audit.jsonl"
ACTIONS = ("import", "undo", "download", "document")


def path(data_dir: Path) -> Path:
    return Path(data_dir) / NAME


def record(data_dir: Path, scope: Scope, action: str, what: str, members: list[str] | None = None) -> None:
    """Append one entry; `members` is the scope of what was done (None: every member)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; one of {', '.join(ACTIONS)}")
    now = datetime.now().astimezone()
    entry = {
        "time": now.isoformat(timespec="seconds"),
        "subject": scope.subject or "-",
        "role": scope.role,
        "action": action,
        "what": what,
        "members": sorted(members) if members is not None else "all",
    }
    target = path(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        kept = _kept(target, now - timedelta(days=int(settings.AUDIT_DAYS.get())))
        if kept is None:  # nothing to drop: append
            _write(target, "a", [line])
        else:
            temporary = target.with_suffix(".tmp")
            _write(temporary, "w", [*kept, line])
            os.replace(temporary, target)


def _write(target: Path, mode: str, lines: list[str]) -> None:
    """The lines written and on disk before this returns."""
    with open(target, mode, encoding="utf-8") as handle:
        handle.writelines(lines)
        handle.flush()
        os.fsync(handle.fileno())


def _kept(target: Path, oldest: datetime) -> list[str] | None:
    """The log's lines from `oldest` on, or None when none is older (the cheap path: append)."""
    if not target.exists():
        return None
    with open(target, encoding="utf-8") as handle:
        first = handle.readline()
        if not first or datetime.fromisoformat(json.loads(first)["time"]) >= oldest:
            return None
        handle.seek(0)
        return [line for line in handle if datetime.fromisoformat(json.loads(line)["time"]) >= oldest]


def entries(data_dir: Path) -> list[dict]:
    """Every entry, newest first."""
    target = path(data_dir)
    if not target.exists():
        return []
    with open(target, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()][::-1]
