"""The audit log: who did what, for which members, kept as long as the setting says."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from regie import audit, lake
from regie.access import Scope

LID = Scope("lid", "sub-1", "GM9003", ("GM9003",))


def test_entries_hold_the_subject_role_action_and_members_newest_first(tmp_path):
    audit.record(tmp_path, LID, "download", "invoices 2026-Q3 csv", ["GM9003"])
    audit.record(tmp_path, Scope("beheer", "sub-2"), "import", "tickets: a.csv (3 rows written)")
    got = [{k: v for k, v in e.items() if k != "time"} for e in audit.entries(tmp_path)]
    assert got == [
        {"subject": "sub-2", "role": "beheer", "action": "import", "what": "tickets: a.csv (3 rows written)",
         "members": "all"},
        {"subject": "sub-1", "role": "lid", "action": "download", "what": "invoices 2026-Q3 csv",
         "members": ["GM9003"]},
    ]  # fmt: skip
    assert lake.layout(tmp_path) == "empty"  # the log does not make the data directory someone else's
    with pytest.raises(ValueError, match="unknown audit action 'delete'"):
        audit.record(tmp_path, LID, "delete", "x")


def test_entries_older_than_the_setting_are_dropped_when_the_log_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("REGIE_AUDIT_DAYS", "30")
    now = datetime.now().astimezone()
    old = {"time": (now - timedelta(days=31)).isoformat(timespec="seconds"), "subject": "s", "role": "lid",
           "action": "download", "what": "old", "members": "all"}  # fmt: skip
    recent = {**old, "time": (now - timedelta(days=29)).isoformat(timespec="seconds"), "what": "recent"}
    audit.path(tmp_path).write_text(json.dumps(old) + "\n" + json.dumps(recent) + "\n", encoding="utf-8")
    audit.record(tmp_path, LID, "document", "board pack 2026-Q3 GM9003", ["GM9003"])
    assert [e["what"] for e in audit.entries(tmp_path)] == ["board pack 2026-Q3 GM9003", "recent"]
