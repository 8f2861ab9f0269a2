"""Gegevens: every table behind the dashboard, filtered, previewed and downloadable; freshness and quality."""

import pandas as pd
import streamlit as st

from regie import audit, datasets, exports, i18n, labels, settings, signin, table_format, ui, upload

db, f = ui.context()
lang, period = f.lang, f.period
mine = ui.scope()
asked = st.query_params.get("leden", "")  # a link that asks for another member's rows: refused
signin.refuse_outside(mine, [c for c in asked.split(",") if c], f.names, lang)
members = tuple(c for c in f.members if mine.may_read(c))  # the others are in the comparisons only
data = ui.reader()  # the rows this session may read, whatever a query asks
first, until = ui.data_span(db)
PAGE_ROWS = 100

st.title(i18n.t("Data", lang))
st.caption(
    i18n.t(
        "Every table behind the dashboard, limited to the chosen members and period, with a "
        "filter of its own. Downloads hold the whole filtered result, not only the preview.",
        lang,
    )
)
ignored: list[str] = []
name = ui.bound_select(st, i18n.t("Table", lang), list(datasets.NAMES), "tabel", "tickets", ignored,
                       lambda n: labels.show(labels.TABLES, n, lang))  # fmt: skip
scope = datasets.Scope(members, period, until)
sql, params = datasets.base(name, scope)
columns = exports.columns(data.con, sql, params)
names = [c for c, _ in columns]

left, middle, right = st.columns(3)
column = ui.bound_select(left, i18n.t("Filter on column", lang), ["", *names], "kolom", "", ignored,
                         lambda c: c or i18n.t("(no filter)", lang))  # fmt: skip
operator = ui.bound_select(middle, i18n.t("Condition", lang), list(datasets.OPERATORS), "op", "=", ignored,
                           lambda o: labels.show(labels.OPERATORS, o, lang))  # fmt: skip
value = ui.bound_text(right, i18n.t("Value", lang), "waarde", ignored)
left, right = st.columns([2, 1])
sort = ui.bound_select(left, i18n.t("Sort by", lang), ["", *names], "sorteer", "", ignored,
                       lambda c: c or i18n.t("(default)", lang))  # fmt: skip
descending = ui.bound_select(right, i18n.t("Descending", lang), ["nee", "ja"], "aflopend", "nee", ignored,
                             lambda v: {"nee": "nee" if lang == "nl" else "no", "ja": "ja" if lang == "nl" else "yes"}[v])  # fmt: skip  # noqa: E501
if ignored:
    st.warning(i18n.t("Not applied from the link: {names}. The default was used.", lang, names=", ".join(ignored)))
try:
    sql, params = datasets.narrowed(sql, params, columns, column, operator, value, sort, descending == "ja", lang)
except datasets.FilterValueError:  # not a number as the language writes one: say so, and filter nothing
    st.warning(
        i18n.t(
            "'{value}' is not a number for column {column}: write it as 1,234.5 or 1234.5. Nothing was filtered.",
            lang,
            value=value,
            column=column,
        )
    )
    sql, params = datasets.narrowed(sql, params, columns, sort=sort, descending=descending == "ja")

total = exports.count(data.con, sql, params)
if total:
    pages = (total - 1) // PAGE_ROWS + 1
    page = st.number_input(i18n.t("Page", lang), 1, pages, 1, key="preview_page") if pages > 1 else 1
    offset = (page - 1) * PAGE_ROWS
    found = i18n.tn(
        "1 row, below.",
        "{count} rows; below rows {first} to {last}.",
        lang,
        n=total,
        count=i18n.number(total, 0, lang),
        first=offset + 1,
        last=min(offset + PAGE_ROWS, total),
    )
    st.caption(found)
    preview = data.sql(f"select * from ({sql}) limit {PAGE_ROWS} offset $offset", {**params, "offset": offset})
    st.dataframe(table_format.styled(preview, lang), hide_index=True, key="preview")
else:
    st.info(i18n.t("No rows for this choice.", lang))

st.subheader(i18n.t("Download", lang))
chosen = f.names[f.home] if len(members) == 1 else i18n.t("{count} chosen members", lang, count=len(members))
notes = [
    (i18n.t("Table", lang), labels.show(labels.TABLES, name, lang)),
    (i18n.t("Members", lang), ", ".join(f.names[c] for c in members)),
    (i18n.t("Period", lang), i18n.period_label(period, lang)),
    (
        i18n.t("Filter", lang),
        f"{column} {labels.show(labels.OPERATORS, operator, lang)} {value}" if column and value else "-",
    ),
    (i18n.t("Sort", lang), f"{sort} {'desc' if descending == 'ja' else 'asc'}" if sort else "-"),
    (i18n.t("Data up to", lang), i18n.long_date(f.data_until, lang)),
    (i18n.t("Columns", lang), ""),
]
buttons = st.columns(len(exports.FORMATS))
for button, kind in zip(buttons, exports.FORMATS, strict=True):
    with button:
        if kind == "xlsx" and total > exports.EXCEL_MAX_ROWS:
            st.warning(
                i18n.t(
                    "{count} rows do not fit in Excel (at most 1,048,575). Download as CSV or Parquet, or "
                    "filter further.",
                    lang,
                    count=i18n.number(total, 0, lang),
                )
            )
            continue
        st.download_button(
            labels.show(labels.DOWNLOADS, kind, lang),
            data=lambda kind=kind: exports.export(data.con, kind, sql, params, name, notes, datasets.definitions(name)),
            file_name=exports.file_name(name, chosen, str(period), kind),
            mime=exports.MIME[kind],
            on_click=audit.record,
            args=(settings.data_dir(), mine, "download", f"{name} {period} {kind}", list(members)),
            key=f"download_{kind}",
            disabled=not total,
        )

st.header(i18n.t("Freshness and quality", lang))
tables = (db.manifest or {}).get("tables", {})
freshness = pd.DataFrame(
        {
            i18n.t("Table", lang): [labels.show(labels.TABLES, t, lang) for t in tables],
            i18n.t("Rows", lang): [info.get("rows") for info in tables.values()],
            i18n.t("Dates covered", lang): [
                " - ".join(i18n.short_date(pd.Timestamp(d), lang) for d in info["date_range"] if d)
                if info.get("date_range") else None for info in tables.values()
            ],
            i18n.t("Loaded", lang): [ui.local_time(info.get("loaded_at")) for info in tables.values()],
            # The import files' names are the whole lake's business: not for a member's scope.
            **({i18n.t("Source", lang): ["; ".join(info.get("sources", [])) for info in tables.values()]}
               if mine.members is None else {}),
        }
)  # fmt: skip
st.dataframe(table_format.styled(freshness, lang), hide_index=True, key="freshness")
if mine.members is None:  # the checker's findings name every member's rows
    violations = ui.check_report()
    if violations:
        st.warning(
            i18n.t("{count} violations of the data contract:", lang, count=len(violations))
            + "\n\n"
            + "\n".join(f"- {v}" for v in violations)
        )
    else:
        st.success(i18n.t("All tables meet the data contract.", lang))

if not mine.signed_in:  # signed in, imports are on the Beheer page, for beheer
    upload.section(lang, f.names, mine)
