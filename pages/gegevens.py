"""Gegevens: every table behind the dashboard, filtered, previewed and downloadable; freshness and quality."""

import pandas as pd
import streamlit as st

from regie import audit, datasets, exports, i18n, settings, signin, ui, upload

db, f = ui.context()
lang, period = f.lang, f.period
mine = ui.scope()
asked = st.query_params.get("leden", "")  # a link that asks for another member's rows: refused
signin.refuse_outside(mine, [c for c in asked.split(",") if c], f.names, lang)
members = tuple(c for c in f.members if mine.may_read(c))  # the others are in the comparisons only
data = ui.reader()  # the rows this session may read, whatever a query asks
first, until = ui.data_span(db)
PAGE_ROWS = 100

st.title(i18n.t("page_gegevens", lang))
st.caption(i18n.t("data_intro", lang))
ignored: list[str] = []
name = ui.bound_select(st, i18n.t("table", lang), list(datasets.NAMES), "tabel", "tickets", ignored,
                       lambda n: i18n.t(f"table_{n}", lang))  # fmt: skip
scope = datasets.Scope(members, period, until)
sql, params = datasets.base(name, scope)
columns = exports.columns(data.con, sql, params)
names = [c for c, _ in columns]

left, middle, right = st.columns(3)
column = ui.bound_select(left, i18n.t("filter_column", lang), ["", *names], "kolom", "", ignored,
                         lambda c: c or i18n.t("no_filter", lang))  # fmt: skip
operator = ui.bound_select(middle, i18n.t("operator", lang), list(datasets.OPERATORS), "op", "=", ignored,
                           lambda o: i18n.t(f"op_{o}", lang))  # fmt: skip
value = ui.bound_text(right, i18n.t("filter_value", lang), "waarde", ignored)
left, right = st.columns([2, 1])
sort = ui.bound_select(left, i18n.t("sort_column", lang), ["", *names], "sorteer", "", ignored,
                       lambda c: c or i18n.t("no_sort", lang))  # fmt: skip
descending = ui.bound_select(right, i18n.t("descending", lang), ["nee", "ja"], "aflopend", "nee", ignored,
                             lambda v: {"nee": "nee" if lang == "nl" else "no", "ja": "ja" if lang == "nl" else "yes"}[v])  # fmt: skip  # noqa: E501
if ignored:
    st.warning(i18n.t("ignored_params", lang, names=", ".join(ignored)))
try:
    sql, params = datasets.narrowed(sql, params, columns, column, operator, value, sort, descending == "ja", lang)
except datasets.FilterValueError:  # not a number as the language writes one: say so, and filter nothing
    st.warning(i18n.t("filter_not_a_number", lang, value=value, column=column))
    sql, params = datasets.narrowed(sql, params, columns, sort=sort, descending=descending == "ja")

total = exports.count(data.con, sql, params)
if total:
    pages = (total - 1) // PAGE_ROWS + 1
    page = st.number_input(i18n.t("preview_page", lang), 1, pages, 1, key="preview_page") if pages > 1 else 1
    offset = (page - 1) * PAGE_ROWS
    found = i18n.t("rows_found", lang, count=i18n.number(total, 0, lang), first=offset + 1,
                   last=min(offset + PAGE_ROWS, total))  # fmt: skip
    st.caption(found if total > 1 else i18n.t("rows_found_one", lang))
    preview = data.sql(f"select * from ({sql}) limit {PAGE_ROWS} offset $offset", {**params, "offset": offset})
    st.dataframe(preview, hide_index=True, key="preview")
else:
    st.info(i18n.t("rows_found_none", lang))

st.subheader(i18n.t("downloads", lang))
chosen = f.names[f.home] if len(members) == 1 else i18n.t("chosen_members", lang, count=len(members))
notes = [
    (i18n.t("notes_table", lang), i18n.t(f"table_{name}", lang)),
    (i18n.t("notes_members", lang), ", ".join(f.names[c] for c in members)),
    (i18n.t("notes_period", lang), i18n.period_label(period, lang)),
    (i18n.t("notes_filter", lang), f"{column} {i18n.t(f'op_{operator}', lang)} {value}" if column and value else "-"),
    (i18n.t("notes_sort", lang), f"{sort} {'desc' if descending == 'ja' else 'asc'}" if sort else "-"),
    (i18n.t("notes_data_until", lang), i18n.long_date(f.data_until, lang)),
    (i18n.t("notes_columns", lang), ""),
]
buttons = st.columns(len(exports.FORMATS))
for button, kind in zip(buttons, exports.FORMATS, strict=True):
    with button:
        if kind == "xlsx" and total > exports.EXCEL_MAX_ROWS:
            st.warning(i18n.t("xlsx_too_large", lang, count=i18n.number(total, 0, lang)))
            continue
        st.download_button(
            i18n.t(f"download_{kind}", lang),
            data=lambda kind=kind: exports.export(data.con, kind, sql, params, name, notes, datasets.definitions(name)),
            file_name=exports.file_name(name, chosen, str(period), kind),
            mime=exports.MIME[kind],
            on_click=audit.record,
            args=(settings.data_dir(), mine, "download", f"{name} {period} {kind}", list(members)),
            key=f"download_{kind}",
            disabled=not total,
        )

st.header(i18n.t("trust", lang))
tables = (db.manifest or {}).get("tables", {})
st.dataframe(
    pd.DataFrame(
        {
            i18n.t("table", lang): [i18n.t(f"table_{t}", lang) for t in tables],
            i18n.t("rows", lang): [info.get("rows") for info in tables.values()],
            i18n.t("date_range", lang): [
                " - ".join(i18n.short_date(pd.Timestamp(d), lang) for d in info["date_range"] if d)
                if info.get("date_range") else "" for info in tables.values()
            ],
            i18n.t("loaded_at", lang): [info.get("loaded_at", "") for info in tables.values()],
            # The import files' names are the whole lake's business: not for a member's scope.
            **({i18n.t("source", lang): ["; ".join(info.get("sources", [])) for info in tables.values()]}
               if mine.members is None else {}),
        }
    ),
    hide_index=True,
    key="freshness",
)  # fmt: skip
if mine.members is None:  # the checker's findings name every member's rows
    violations = ui.check_report()
    if violations:
        st.warning(
            i18n.t("check_problems", lang, count=len(violations)) + "\n\n" + "\n".join(f"- {v}" for v in violations)
        )
    else:
        st.success(i18n.t("check_clean", lang))

if not mine.signed_in:  # signed in, imports are on the Beheer page, for beheer
    upload.section(lang, f.names, mine)
