"""Every rule and note an import can report has its message (regie/labels.py), in Dutch and English."""

from __future__ import annotations

import re
from pathlib import Path

from regie.importing.problems import Problem
from regie.labels import NOTES, RULES

ROOT = Path(__file__).resolve().parents[2] / "regie"


def test_every_rule_key_in_the_code_has_both_languages():
    used = set()
    for path in [*ROOT.glob("importing/*.py"), ROOT / "check.py"]:
        used |= set(re.findall(r'"((?:rule|note)_[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert used - set(RULES) - set(NOTES) == set()
    assert {"rule_not_date", "rule_not_timestamp"} <= set(RULES)


def test_a_problem_in_dutch_and_english():
    problem = Problem.of("export.csv", 7, "priority", "9", "rule_max", limit="4")
    assert problem.line() == "export.csv, row 7, column priority: value '9': value must be at most 4"
    assert problem.rule("nl") == "waarde mag hoogstens 4 zijn"


def test_every_shipped_mapping_loads_and_is_documented():
    from regie.importing import mapping

    text = (ROOT.parent / "docs" / "importing.md").read_text(encoding="utf-8")
    for name in mapping.shipped():
        body = mapping.load(name, "invoices" if name == "ubl" else "tickets")
        assert body.name == name
        assert f"| `{name}` |" in text
