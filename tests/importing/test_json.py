"""TOPdesk's REST API: the JSON of GET /tas/api/incidents imports with the shipped mapping."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from regie.importing import ImportFailed, run_import
from tests.importing.files import base, rows


def lookup(name: str | None) -> dict | None:
    return None if name is None else {"id": f"id-{name}", "name": name}


def incident(number, status, call, response, completed, closed, priority, category, group, branch, entry, **extra):
    """An incident as the API returns it: lookups as {id, name} or null, times with their UTC offset,
    people and free text alongside (which are not imported)."""
    return {
        "id": f"uuid-{number}", "status": status, "number": number, "request": "Mijn scherm blijft zwart",
        "caller": {"id": None, "dynamicName": "J. de Vries", "branch": lookup(branch)},
        "callerBranch": lookup(branch), "briefDescription": "Scherm zwart", "category": lookup(category),
        "subcategory": lookup("Beeldscherm" if category else None), "callType": None, "entryType": lookup(entry),
        "priority": lookup(priority), "operator": lookup("Operator Een"), "operatorGroup": lookup(group),
        "responded": response is not None, "responseDate": response, "completed": completed is not None,
        "completedDate": completed, "closed": closed is not None, "closedDate": closed, "callDate": call,
        "creator": lookup("API"), "partialIncidents": [], "externalLinks": [], **extra,
    }  # fmt: skip


INCIDENTS = [
    # Winter (UTC+1): called 08:30 UTC, 09:30 in Turfbrug; answered 10 minutes later; completed
    # 12:45:30 UTC (13:45:30 local): 255 whole business minutes from 09:30.
    incident("I 2501 014", "firstLine", "2025-01-14T08:30:00.000+0000", "2025-01-14T08:40:00.000+0000",
             "2025-01-14T12:45:30.000+0000", "2025-01-15T09:00:00.000+0000", "P2 - Hoog", "Werkplek",
             "Servicedesk", "Gemeentehuis Turfbrug", "Telefonisch"),
    # Summer (UTC+2): called 06:00 UTC, 08:00 in Veenhoven; still open; no category or group yet.
    incident("I 2507 001", "secondLine", "2025-07-01T06:00:00.000+0000", None, None, None, "P3 - Normaal", None,
             None, "Stadskantoor Veenhoven", "E-mail"),
]  # fmt: skip


@pytest.fixture
def data_dir(tmp_path):
    return base(tmp_path / "data")


def test_a_topdesk_api_list_imports_with_the_shipped_mapping(tmp_path, data_dir):
    source = tmp_path / "incidents.json"
    source.write_text(json.dumps(INCIDENTS, indent=2), encoding="utf-8")
    outcome = run_import("tickets", [source], data_dir, "topdesk-api")
    assert rows(data_dir, "tickets") == [
        ("I 2501 014", "GM9001", "incident", 2, "Werkplek", "Beeldscherm", "phone", "Servicedesk", None,
         datetime(2025, 1, 14, 9, 30), datetime(2025, 1, 14, 9, 40), datetime(2025, 1, 14, 13, 45, 30),
         datetime(2025, 1, 15, 10, 0), 0, True, None, 10, 255),
        ("I 2507 001", "GM9002", "incident", 3, "Onbekend", None, "email", "Onbekend", None,
         datetime(2025, 7, 1, 8, 0), None, None, None, 0, False, None, None, None),
    ]  # fmt: skip
    # People and free text are not stored: unmapped, they are dropped and listed, people as such.
    assert {"caller.dynamicName", "operator.name"} <= set(outcome.personal_columns)
    assert {"request", "briefDescription"} <= set(outcome.dropped_columns)
    assert not {"category", "operatorGroup", "callerBranch"} & set(outcome.dropped_columns)  # lookups that are used
    assert "  1 row read without category took the default 'Onbekend'" in outcome.report().splitlines()


def test_a_mapped_lookup_of_a_person_is_refused(tmp_path, data_dir):
    mapping = tmp_path / "operator.toml"
    mapping.write_text('kind = "tickets"\n[columns]\nassignee_group = "operator.name"\n', encoding="utf-8")
    source = tmp_path / "incidents.json"
    source.write_text(json.dumps(INCIDENTS), encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        run_import("tickets", [source], data_dir, mapping)
    assert "incidents.json, row 1, column operator.name: personal data or free text may not be imported " \
           "(as assignee_group)" in [p.line() for p in caught.value.problems]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"number": ',
         "incidents.json, row -, column -: not readable JSON: Expecting value: line 1 column 12 (char 11)"),
        ("[1, 2]",
         "incidents.json, row -, column -: JSON must be a list of objects (as GET /tas/api/incidents returns)"),
        ("number;callDate\n", "incidents.json, row -, column -: value 'text': not a valid JSON file"),
        ("{}", "incidents.json, row -, column -: JSON must be a list of objects (as GET /tas/api/incidents returns)"),
        ('{"x": {}}',
         "incidents.json, row -, column -: JSON must be a list of objects (as GET /tas/api/incidents returns)"),
        ('{"a": {"number": "I 1"}, "b": {"number": "I 2"}}',
         "incidents.json, row -, column -: JSON must be a list of objects (as GET /tas/api/incidents returns)"),
        ("[{}, {}]",
         "incidents.json, row -, column -: JSON must be a list of objects (as GET /tas/api/incidents returns)"),
    ],
)  # fmt: skip
def test_json_that_is_not_a_list_of_incidents_is_refused(tmp_path, data_dir, text, expected):
    source = tmp_path / "incidents.json"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        run_import("tickets", [source], data_dir, "topdesk-api")
    assert [p.line() for p in caught.value.problems] == [expected]


def test_one_incident_object_is_one_row(tmp_path, data_dir):
    source = tmp_path / "incident.json"
    source.write_text(json.dumps(INCIDENTS[0]), encoding="utf-8")  # as GET /tas/api/incidents/id/{id} returns
    run_import("tickets", [source], data_dir, "topdesk-api")
    assert [r[0] for r in rows(data_dir, "tickets")] == ["I 2501 014"]


def test_a_value_outside_the_value_map_names_the_map_to_edit(tmp_path, data_dir):
    other = incident("I 2502 003", "firstLine", "2025-02-03T08:00:00.000+0000", None, None, None, "Spoed",
                     "Werkplek", "Servicedesk", "Raadhuis Elders", "Telefonisch")  # fmt: skip
    source = tmp_path / "incidents.json"
    source.write_text(json.dumps([INCIDENTS[0], other]), encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        run_import("tickets", [source], data_dir, "topdesk-api")
    names = ["Gemeentehuis Turfbrug", "Stadskantoor Veenhoven", "Gemeentehuis Kleidam", "Gemeentehuis Zandwijk",
             "Gemeentehuis Beekveld", "Gemeentehuis Heidemond"]  # fmt: skip
    branches = ", ".join(f"'{b}'" for b in names)
    priorities = "'P1 - Kritiek', '1 - Hoog', 'P2 - Hoog', '2 - Normaal', 'P3 - Normaal', '3 - Laag', 'P4 - Laag', " \
                 "'4 - Zeer laag'"  # fmt: skip
    assert [p.line() for p in caught.value.problems] == [
        "incidents.json, row 2, column municipality_code: value 'Raadhuis Elders': value of source column "
        "callerBranch.name is not in the value map of municipality_code (values under [columns.municipality_code] "
        f"in mapping topdesk-api); add it there. The map knows: {branches}",
        "incidents.json, row 2, column priority: value 'Spoed': value of source column priority.name is not in the "
        "value map of priority (values under [columns.priority] in mapping topdesk-api); add it there. The map "
        f"knows: {priorities}",
    ]
    assert caught.value.rejected == 1 and caught.value.read == 2
