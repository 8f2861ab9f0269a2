"""DVO-herijking: proposed DVO norms tried on the tickets of a past period, member by member."""

import streamlit as st

from regie import audit, exports, i18n, labels, settings, table_format, ui, whatif
from regie import norm_proposal as proposal
from regie.whatif_outputs import pack_link, workbook

db, f = ui.context()
lang, period, members = f.lang, f.period, list(f.members)
st.title(i18n.t("DVO what-if", lang))
st.subheader(i18n.t("Proposed norms on the tickets of {period}", lang, period=i18n.period_label(period, lang)))
st.caption(
    i18n.t(
        "Change a norm in the table and see at once what it would have meant over the chosen "
        "period, member by member. A proposed norm applies to every ticket of its type and "
        "priority; the other tickets keep the norm valid on the day they were opened. Within the "
        "norm means less than or equal.",
        lang,
    )
)
readable = [c for c in f.names if ui.scope().may_read(c)]
if len(members) < len(readable):  # the DVO is the members' together: say where to choose the others
    st.caption(
        i18n.t(
            "Members: {names}. Choose more in the sidebar under '{label}'.",
            lang,
            names=", ".join(f.names[c] for c in members),
            label=i18n.t("Compare with", lang),
        )
    )

in_force = whatif.norms_in_force(ui.run, period)
current = proposal.in_force(in_force)
# The table starts from the link's proposal, once per data version and period; after that the editor holds it.
base_key = (db.version, period.key)
if st.session_state.get("_whatif_base_key") != base_key:
    try:
        start = proposal.decode(st.query_params.get("dvo", ""), current)
    except proposal.ProposalError as problem:
        st.warning(i18n.t("The proposal in the link was not used: {reason}", lang, reason=problem.text(lang)))
        start = []
    st.session_state["_whatif_base"] = proposal.apply(current, start)
    st.session_state["_whatif_base_key"] = base_key
    st.session_state.pop("whatif_editor", None)
base = st.session_state["_whatif_base"]


def reset() -> None:
    st.session_state["_whatif_base"] = current
    st.session_state.pop("whatif_editor", None)
    st.query_params.pop("dvo", None)


st.header(i18n.t("Norms", lang))
st.caption(
    i18n.t(
        "Response and resolution time in hours on the norm's clock (business: the DVO's service "
        "hours). Double-click a cell to change it.",
        lang,
    )
)
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
        "ticket_type": st.column_config.TextColumn(i18n.t("Type", lang)),
        "priority": st.column_config.NumberColumn(i18n.t("Priority", lang), format="%d"),
        "clock": st.column_config.SelectboxColumn(
            i18n.t("Clock", lang),
            options=list(proposal.CLOCKS.values()),
            format_func=lambda c: labels.show(labels.CLOCKS, c, lang),
            required=True,
        ),
        "response_hours": st.column_config.TextColumn(i18n.t("Response (hours)", lang), **typed),
        "resolution_hours": st.column_config.TextColumn(i18n.t("Resolution (hours)", lang), **typed),
        "target_pct": st.column_config.TextColumn(i18n.t("Target (%)", lang), **typed),
    },
)
proposed, problems = proposal.from_frame(edited, base)
for problem in problems:
    st.warning(i18n.t("This change was not used: {reason}", lang, reason=problem.text(lang)))
changed = proposal.changes(current, proposed)
code = proposal.encode(changed)
if code != st.query_params.get("dvo", ""):
    if code:
        st.query_params["dvo"] = code
    else:
        st.query_params.pop("dvo", None)
for earlier, since in proposal.changed_during(in_force):
    before = whatif.norm_text(earlier, lang, short=True)
    st.caption(
        i18n.t(
            "The norm for {type} priority {priority} applies since {date}; before it: {earlier}. A "
            "proposal for that norm applies to every ticket of the period, those of before {date} "
            "too: a norm more lenient than today's can therefore be stricter than the one that "
            "applied to them.",
            lang,
            type=labels.show(labels.TICKET_TYPES, earlier.ticket_type, lang),
            priority=earlier.priority,
            date=i18n.long_date(since, lang),
            earlier=before,
        )
    )
if changed:
    st.markdown(i18n.t("Proposal: {norms}", lang, norms="; ".join(whatif.norm_text(n, lang) for n in changed)))
    st.button(i18n.t("Back to the current norms", lang), on_click=reset, icon=":material/undo:", key="whatif_reset")
else:
    st.info(i18n.t("No proposal yet: the table shows the current norms. Change a norm to see what changes.", lang))

result = whatif.compute(ui.run, period, members, current, changed)
if result.grain("member").empty:
    st.info(
        i18n.t("No tickets with a norm in {period} for these members.", lang, period=i18n.period_label(period, lang))
    )
    st.stop()

st.header(i18n.t("Scores per member", lang))
for column, measure in zip(st.columns(2), whatif.MEASURES, strict=True):
    with column:
        ui.chart(*whatif.scores_chart(result, measure, f.names, lang), f"chart_whatif_{measure}", lang)
st.dataframe(
    table_format.styled(whatif.scores_table(result, f.names, lang), lang), hide_index=True, key="whatif_scores"
)

st.header(i18n.t("Months that meet the target", lang))
st.caption(
    i18n.t(
        "✓ met, ✗ not met, ✗ → ✓ met with the proposal, ✓ → ✗ no longer met with the proposal, – "
        "no tickets that month.",
        lang,
    )
)
for measure in whatif.MEASURES:
    st.markdown(f"**{labels.show(labels.MEASURES, measure, lang)}**")
    st.dataframe(
        table_format.styled(whatif.months_table(result, measure, f.names, lang), lang),
        hide_index=True,
        key=f"whatif_months_{measure}",
    )

st.header(i18n.t("Tickets that change side", lang))
flips = {d: whatif.flips_table(result, d, f.names, lang) for d in ("category", "assignee_group")}
if all(table.empty for table in flips.values()):
    st.caption(i18n.t("No ticket changes side.", lang))
for dimension, table in flips.items():
    if not table.empty:
        st.markdown(f"**{labels.show(labels.DIMENSIONS, dimension, lang)}**")
        st.dataframe(table_format.styled(table, lang), hide_index=True, key=f"whatif_flips_{dimension}")

st.header(i18n.t("Per type and priority: what is realistic", lang))
st.caption(
    i18n.t(
        "Realistic: the shortest norm within which the chosen members' tickets of this period "
        "would have met the target (the target as a quantile of the times on the norm's clock); "
        "n/a when no norm meets it, as tickets without a measured time are never within.",
        lang,
    )
)
st.dataframe(table_format.styled(whatif.norms_table(result, lang), lang), hide_index=True, key="whatif_norms_table")

name = exports.file_name("dvo-voorstel", "-".join(members) if len(members) < 3 else "leden", str(period), "xlsx")
st.download_button(
    i18n.t("Download proposal and results (Excel)", lang),
    data=lambda: workbook(result, f.names, lang, f.data_until),
    file_name=name,
    mime=exports.MIME["xlsx"],
    icon=":material/download:",
    key="whatif_download",
    on_click=audit.record,
    args=(settings.data_dir(), ui.scope(), "download", name, members),
)
st.page_link(**pack_link(result, f.home, ui.scope().members is None, None, lang))
