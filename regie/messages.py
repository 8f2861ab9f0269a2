"""The messages the code uses, as Babel's extractor finds them, and the catalogs kept in step with them.

`python -m regie.messages` (`make messages`) extracts the messages from regie/, pages/ and dashboard.py and
updates both catalogs: a new message gets an empty Dutch translation (to fill in; the test of the catalogs
fails until it is) and itself as the English one; a message no longer used is dropped.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from regie.i18n import LANGUAGES, catalog_path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("dashboard.py", "pages", "regie")
# The marking functions of regie/i18n.py: t(message), tn(singular, plural), pt(context, message), and the
# table markers N_, NN_ and NP_ (Babel's keyword form: argument positions, 'c' for the context).
KEYWORDS = {"t": None, "tn": (1, 2), "pt": ((1, "c"), 2), "N_": None, "NN_": (1, 2), "NP_": ((1, "c"), 2)}

Key = tuple  # (context, msgid) with msgid a string, or (singular, plural) for a plural message


def _files() -> list[Path]:
    found = []
    for source in SOURCES:
        path = ROOT / source
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


def extracted() -> dict[Key, list[str]]:
    """Every message the code marks, with where (file:line)."""
    found: dict[Key, list[str]] = {}
    for path in _files():
        for line, message, _comments, context in extract_from_file("python", path, KEYWORDS, strip_comment_tags=True):
            if isinstance(message, tuple) and any(part is None or part == "" for part in message):
                continue  # a call with a computed argument (a message from a table): its table is marked
            if isinstance(message, str) and not message:
                continue
            found.setdefault((context, message), []).append(f"{path.relative_to(ROOT)}:{line}")
    return found


def catalog(lang: str) -> Catalog:
    with catalog_path(lang).open("rb") as po:
        return read_po(po, locale=lang)


def keys(of: Catalog) -> set[Key]:
    return {(m.context, tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id) for m in of if m.id}


def _known(of: Catalog) -> dict[str, str]:
    """Every translation by its English, plural forms apart: what a reworded message can reuse."""
    known = {}
    for message in of:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        known.update({i: s for i, s in zip(ids, strings, strict=False) if s})
    return known


def update(lang: str, found: dict[Key, list[str]]) -> list[Key]:
    """Rewrite the language's catalog to hold exactly the messages found; gives those left untranslated."""
    old = catalog(lang)
    known = _known(old)
    new = Catalog(locale=lang, domain="messages", project="Regiedashboard", fuzzy=False, msgid_bugs_address="",
                  last_translator="Regiedashboard", language_team="Regiedashboard")  # fmt: skip
    missing = []
    for context, message_id in sorted(found, key=lambda k: (str(k[1]), k[0] or "")):
        existing = old.get(message_id[0] if isinstance(message_id, tuple) else message_id, context=context)
        if existing and isinstance(existing.id, (list, tuple)) != isinstance(message_id, tuple):
            existing = None  # a plural message now a single one, or the other way round: by the English
        if isinstance(message_id, tuple):
            string = tuple(existing.string) if existing else tuple(known.get(i, "") for i in message_id)
            string = tuple(i if lang == "en" and not s else s for i, s in zip(message_id, string, strict=True))
        else:
            string = existing.string if existing and existing.string else known.get(message_id, "")
            string = string or (message_id if lang == "en" else "")
        if not all(string if isinstance(string, tuple) else (string,)):
            missing.append((context, message_id))
        new.add(message_id, string, context=context, flags=("python-brace-format",) if "{" in str(message_id) else ())
    _replace(catalog_path(lang), new)
    return missing


def _replace(path: Path, new: Catalog) -> None:
    """Write the catalog beside the old one, then put it in its place: a failed write leaves the old."""
    written = path.with_suffix(".po.new")
    with written.open("wb") as po:
        write_po(po, new, width=100, omit_header=False, no_location=True, sort_output=False)
    os.replace(written, path)


def main() -> int:
    found = extracted()
    status = 0
    for lang in LANGUAGES:
        missing = update(lang, found)
        print(f"{catalog_path(lang).relative_to(ROOT)}: {len(found)} messages, {len(missing)} to translate")
        for context, message_id in missing:
            print(f"  {context + ': ' if context else ''}{message_id}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
