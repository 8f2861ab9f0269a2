"""The upload on the Gegevens page: choose files, kind and mapping, check, and only then import.

The check is a dry run of the same import the command line does; confirming runs it
again for real (it is checked once more, against the data as they are then). Uploads
are limited in size and type, saved under their base name in a temporary folder, and
removed afterwards.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from regie import audit, i18n, labels, settings, table_format
from regie.access import Scope
from regie.importing import KINDS, ImportFailed, run_import
from regie.importing.mapping import shipped
from regie.importing.problems import Outcome, Problem
from regie.importing.sources import FORMATS

MAX_MB = 50  # also [server] maxUploadSize in .streamlit/config.toml
TYPES = sorted(suffix.lstrip(".") for suffix in FORMATS)


def save(uploads, folder: Path) -> tuple[list[Path], list[Problem]]:
    """The uploads as files in `folder` (base names only), and problems for those too large."""
    paths, problems = [], []
    for upload in uploads:
        name = Path(upload.name).name or "upload"
        if upload.size > MAX_MB * 1024 * 1024:
            problems.append(Problem.of(name, "-", "-", f"{upload.size / 1e6:.0f} MB", "rule_too_large", limit=MAX_MB))
            continue
        path = folder / name
        path.write_bytes(upload.getvalue())
        paths.append(path)
    return paths, problems


def attempt(uploads, kind: str, mapping: str, member: str, replace: bool, dry_run: bool) -> Outcome | ImportFailed:
    folder = Path(tempfile.mkdtemp(prefix="regie-upload-"))
    try:
        paths, problems = save(uploads, folder)
        if problems:
            return ImportFailed(problems)
        return run_import(
            kind, paths, settings.data_dir(), mapping or None, member or None, replace=replace, dry_run=dry_run
        )
    except ImportFailed as failed:
        return failed
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def summary(outcome: Outcome, lang: str) -> str:
    number = lambda n: i18n.number(n, 0, lang)  # noqa: E731
    text = i18n.t(
        "{table}. Rows read: {read}; after the latest row per key: {kept}; new or changed: "
        "{written} (replaced: {replaced}); unchanged: {unchanged}; afterwards in the table: "
        "{total}.",
        lang,
        table=labels.show(labels.TABLES, outcome.table, lang),
        read=number(outcome.read),
        kept=number(outcome.kept),
        written=number(outcome.written),
        replaced=number(outcome.replaced),
        unchanged=number(outcome.unchanged),
        total=number(outcome.total),
    )
    lines = [text]
    if outcome.personal_columns:
        lines.append(
            i18n.t(
                "Columns not imported (personal data or free text, never stored): {columns}.",
                lang,
                columns=", ".join(outcome.personal_columns),
            )
        )
    if outcome.dropped_columns:
        lines.append(
            i18n.t(
                "Columns not imported (not in the data contract): {columns}.",
                lang,
                columns=", ".join(outcome.dropped_columns),
            )
        )
    lines += [labels.show(labels.NOTES, key, lang, **values) for key, values in outcome.notes]
    return "\n\n".join(lines)


def problems_table(failed: ImportFailed, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            i18n.t("File", lang): [p.file for p in failed.problems],
            i18n.t("Row or element", lang): [p.row for p in failed.problems],
            i18n.t("Column", lang): [p.column for p in failed.problems],
            i18n.t("Value", lang): [p.value for p in failed.problems],
            i18n.t("Rule", lang): [p.rule(lang) for p in failed.problems],
        }
    )


def show(result: Outcome | ImportFailed, lang: str) -> None:
    if isinstance(result, ImportFailed):
        more = result.total - len(result.problems)
        st.error(
            i18n.tn(
                "Not imported: 1 problem. Nothing has changed.",
                "Not imported: {count} problems in {rejected} rows. Nothing has changed.",
                lang,
                count=result.total,
                rejected=i18n.number(result.rejected, 0, lang),
            )
            + (" " + i18n.t("The first 20 are below; {more} more.", lang, more=more) if more > 0 else "")
            + "".join(f"\n\n- {line}" if i == 0 else f"\n- {line}" for i, line in enumerate(result.tally(lang)))
        )
        st.table(table_format.styled(problems_table(result, lang), lang).hide(axis="index"))  # at most 20 rows, as HTML
    elif result.committed:
        st.success(i18n.t("Imported.", lang) + "\n\n" + summary(result, lang))
    elif not (result.written or result.replaced):
        st.info(i18n.t("No changes: these data are already there.", lang) + "\n\n" + summary(result, lang))
    else:
        st.success(i18n.t("Checked: everything is valid. Confirm to import.", lang) + "\n\n" + summary(result, lang))


def section(lang: str, names: dict[str, str], scope: Scope) -> None:
    """The upload section: files, kind, mapping, member; check; confirm (in the audit log)."""
    st.header(i18n.t("Import data", lang))
    st.caption(
        i18n.t(
            "Import an export (CSV, XLSX, Parquet or UBL invoices; at most {limit} MB per file; "
            "{types}). Everything is checked first; nothing changes until you confirm the import. "
            "Names, e-mail addresses, phone numbers and free text are not stored.",
            lang,
            limit=MAX_MB,
            types=", ".join(TYPES),
        )
    )
    done = st.session_state.pop("import_done", None)
    if done is not None:
        show(done, lang)
    uploads = st.file_uploader(
        i18n.t("Files", lang), type=TYPES, accept_multiple_files=True, max_upload_size=MAX_MB, key="import_files"
    )
    kind = st.radio(i18n.t("Import into table", lang), KINDS, index=KINDS.index("tickets"), key="import_kind",
                    horizontal=True, format_func=lambda k: labels.show(labels.TABLES, k, lang))  # fmt: skip
    middle, right = st.columns(2)
    mapping = middle.selectbox(i18n.t("Column mapping", lang), ["", *shipped()], key="import_mapping",
                               format_func=lambda m: m or i18n.t("standard (contract column names)", lang))  # fmt: skip
    member = right.selectbox(i18n.t("Member for rows without one", lang), ["", *names], key="import_member",
                             format_func=lambda c: names.get(c, i18n.t("none", lang)))  # fmt: skip
    replace = st.checkbox(
        i18n.t("Replace the whole table (otherwise rows with the same key are updated)", lang), key="import_replace"
    )
    if not uploads:
        return
    signature = (tuple((u.name, u.size, u.file_id) for u in uploads), kind, mapping, member, replace)
    if st.button(i18n.t("Check", lang), key="import_check"):
        with st.spinner(i18n.t("Checking...", lang)):
            st.session_state["import_checked"] = (signature, attempt(uploads, kind, mapping, member, replace, True))
    checked = st.session_state.get("import_checked")
    if not checked or checked[0] != signature:
        return
    result = checked[1]
    show(result, lang)
    if isinstance(result, Outcome) and (result.written or result.replaced or replace):
        if st.button(i18n.t("Confirm the import", lang), type="primary", key="import_confirm"):
            with st.spinner(i18n.t("Importing...", lang)):
                outcome = attempt(uploads, kind, mapping, member, replace, False)
            if isinstance(outcome, Outcome) and outcome.committed:
                what = f"{kind}: {', '.join(outcome.files)} ({outcome.written:,} rows written)"
                audit.record(settings.data_dir(), scope, "import", what, [member] if member else None)
            st.session_state.pop("import_checked", None)
            st.session_state["import_done"] = outcome
            st.rerun()
