"""DVO-herijking: proposed DVO norms tried on the tickets of a past period, member by member."""

import streamlit as st

from regie import audit, exports, i18n, settings, ui, whatif
from regie import norm_proposal as proposal
from regie.whatif_outputs import pack_link, workbook

db, f = ui.context()
lang, period, members = f.lang, f.period, list(f.members)
st.title(i18n.t("page_herijking", lang))
st.subheader(i18n.t("whatif_heading", lang, period=i18n.period_label(period, lang)))
st.caption(i18n.t("whatif_intro", lang))
readable = [c for c in f.names if ui.scope().may_read(c)]
if len(members) < len(readable):  # the DVO is the members' together: say where to choose the others
    st.caption(
        i18n.t("whatif_members", lang, names=", ".join(f.names[c] for c in members), label=i18n.t("members", lang))
    )

in_force = whatif.norms_in_force(ui.run, period)
current = proposal.in_force(in_force)
# The table starts from the link's proposal, once per data version and period; after that the editor holds it.
base_key = (db.version, period.key)
if st.session_state.get("_whatif_base_key") != base_key:
    try:
        start = proposal.decode(st.query_params.get("dvo", ""), current)
    except proposal.ProposalError as problem:
        st.warning(i18n.t("whatif_bad_link", lang, reason=problem.text(lang)))
        start = []
    st.session_state["_whatif_base"] = proposal.apply(current, start)
    st.session_state["_whatif_base_key"] = base_key
    st.session_state.pop("whatif_editor", None)
base = st.session_state["_whatif_base"]


def reset() -> None:
    st.session_state["_whatif_base"] = current
    st.session_state.pop("whatif_editor", None)
    st.query_params.pop("dvo", None)


st.header(i18n.t("whatif_norms", lang))
st.caption(i18n.t("whatif_norms_help", lang))
# Text cells: the grid's number cells take a typed comma for a thousands separator ("2,5" became 25).
typed = {"validate": f"^{proposal.TYPED.pattern}$", "required": True}
edited = st.data_editor(
    proposal.to_frame(base, lang),
    key="whatif_editor",
    hide_index=True,
    height=35 * (len(base) + 1) + 3,  # every norm in view, no scrolling inside the table
    num_rows="fixed",
    disabled=["ticket_type", "priority"],
    column_config={
        "ticket_type": st.column_config.TextColumn(i18n.t("ticket_type", lang)),
        "priority": st.column_config.NumberColumn(i18n.t("priority", lang), format="%d"),
        "clock": st.column_config.SelectboxColumn(
            i18n.t("whatif_clock", lang),
            options=list(proposal.CLOCKS.values()),
            format_func=lambda c: i18n.t(f"clock_{c}", lang),
            required=True,
        ),
        "response_hours": st.column_config.TextColumn(i18n.t("whatif_response_hours", lang), **typed),
        "resolution_hours": st.column_config.TextColumn(i18n.t("whatif_resolution_hours", lang), **typed),
        "target_pct": st.column_config.TextColumn(i18n.t("whatif_target_column", lang), **typed),
    },
)
proposed, problems = proposal.from_frame(edited, base)
for problem in problems:
    st.warning(i18n.t("whatif_bad_value", lang, reason=problem.text(lang)))
changed = proposal.changes(current, proposed)
code = proposal.encode(changed)
if code != st.query_params.get("dvo", ""):
    if code:
        st.query_params["dvo"] = code
    else:
        st.query_params.pop("dvo", None)
for earlier, since in proposal.changed_during(in_force):
    before = whatif.norm_text(earlier, lang, short=True)
    st.caption(i18n.t("whatif_changed_norm", lang, type=i18n.t(earlier.ticket_type, lang), priority=earlier.priority,
                      date=i18n.long_date(since, lang), earlier=before))  # fmt: skip
if changed:
    st.markdown(i18n.t("whatif_proposal_list", lang, norms="; ".join(whatif.norm_text(n, lang) for n in changed)))
    st.button(i18n.t("whatif_reset", lang), on_click=reset, icon=":material/undo:", key="whatif_reset")
else:
    st.info(i18n.t("whatif_no_change", lang))

result = whatif.compute(ui.run, period, members, current, changed)
if result.grain("member").empty:
    st.info(i18n.t("whatif_no_data", lang, period=i18n.period_label(period, lang)))
    st.stop()

st.header(i18n.t("whatif_scores", lang))
for column, measure in zip(st.columns(2), whatif.MEASURES, strict=True):
    with column:
        ui.chart(*whatif.scores_chart(result, measure, f.names, lang), f"chart_whatif_{measure}", lang)
st.dataframe(whatif.scores_table(result, f.names, lang), hide_index=True, key="whatif_scores")

st.header(i18n.t("whatif_months", lang))
st.caption(i18n.t("whatif_months_help", lang))
for measure in whatif.MEASURES:
    st.markdown(f"**{i18n.t(f'whatif_measure_{measure}', lang)}**")
    st.dataframe(whatif.months_table(result, measure, f.names, lang), hide_index=True, key=f"whatif_months_{measure}")

st.header(i18n.t("whatif_flips", lang))
flips = {d: whatif.flips_table(result, d, f.names, lang) for d in ("category", "assignee_group")}
if all(table.empty for table in flips.values()):
    st.caption(i18n.t("whatif_flips_none", lang))
for dimension, table in flips.items():
    if not table.empty:
        st.markdown(f"**{i18n.t(dimension, lang)}**")
        st.dataframe(table, hide_index=True, key=f"whatif_flips_{dimension}")

st.header(i18n.t("whatif_evidence", lang))
st.caption(i18n.t("whatif_evidence_help", lang))
st.dataframe(whatif.norms_table(result, lang), hide_index=True, key="whatif_norms_table")

name = exports.file_name("dvo-voorstel", "-".join(members) if len(members) < 3 else "leden", str(period), "xlsx")
st.download_button(
    i18n.t("whatif_download", lang),
    data=lambda: workbook(result, f.names, lang, f.data_until),
    file_name=name,
    mime=exports.MIME["xlsx"],
    icon=":material/download:",
    key="whatif_download",
    on_click=audit.record,
    args=(settings.data_dir(), ui.scope(), "download", name, members),
)
st.page_link(**pack_link(result, f.home, ui.scope().members is None, None, lang))
