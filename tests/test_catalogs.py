"""The gettext catalogs: one per language, each message translated, the same messages in each."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from regie import i18n, messages


def _catalog(lang: str):
    with i18n.catalog_path(lang).open("rb") as po:
        return read_po(po, locale=lang)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_message_is_translated(lang):
    catalog = _catalog(lang)
    untranslated = [m.id for m in catalog if m.id and not (all(m.string) if m.pluralizable else m.string)]
    assert untranslated == []
    assert catalog.num_plurals == 2


def test_the_catalogs_hold_the_same_messages():
    ids = [
        {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in _catalog(lang)} for lang in i18n.LANGUAGES
    ]
    assert ids[0] == ids[1]


def test_plural_and_context_messages():
    rows = ("1 row, below.", "{count} rows; below rows {first} to {last}.")
    assert i18n.tn(*rows, "nl", count=1, first=1, last=1) == "1 rij, hieronder."
    assert i18n.tn(*rows, "en", count=3, first=1, last=3) == "3 rows; below rows 1 to 3."
    assert i18n.t("Change", "nl") == "Wijziging"
    assert i18n.pt("trend_pct", "Change", "nl") == "Verandering"


def test_extraction_finds_no_missing_and_no_unused_message():
    """What Babel's extractor finds in the code (regie/messages.py: the keywords t, tn, pt, N_, NN_,
    NP_) is exactly what each catalog holds: `make messages` brings a catalog in step."""
    found = set(messages.extracted())
    for lang in i18n.LANGUAGES:
        held = messages.keys(messages.catalog(lang))
        assert sorted(found - held, key=str) == [], f"not in the {lang} catalog (run make messages)"
        assert sorted(held - found, key=str) == [], f"in the {lang} catalog but not in the code (run make messages)"


def test_no_message_is_built_at_run_time():
    """Every call of t, tn or pt names its message: a literal, or a table's entry marked with N_."""
    import ast

    built = []
    for path in messages._files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in (
                "t",
                "tn",
                "pt",
            ):
                if node.args and isinstance(node.args[0], ast.JoinedStr | ast.BinOp | ast.IfExp):
                    built.append(f"{path.name}:{node.lineno}")
    assert built == []
