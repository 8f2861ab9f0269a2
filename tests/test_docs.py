"""The documentation keeps up with the code: every setting and every contract column is described."""

from pathlib import Path

import pytest

from regie import settings
from regie.contract import TABLES

ROOT = Path(__file__).resolve().parent.parent


def test_readme_starts_with_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in block.strip().splitlines()] == [["make", "run"], ["make", "test"]]
    assert text.index("```sh") < text.index("##")


@pytest.mark.parametrize("setting", settings.ALL, ids=lambda s: s.name)
def test_readme_documents_every_setting(setting):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next((line for line in text.splitlines() if line.startswith(f"| `{setting.name}`")), None)
    assert row is not None and f"`{setting.default}`" in row


@pytest.mark.parametrize("table", TABLES.values(), ids=lambda t: t.name)
def test_contract_doc_describes_every_column(table):
    text = (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8")
    section = text.split(f"### {table.name}:", 1)[1].split("\n### ", 1)[0]
    for column in table.column_names:
        assert f"| {column} " in section or f" {column}," in section or f", {column} " in section, column
