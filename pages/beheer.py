"""Beheer: imports, undo of the last write, the audit log and what the access file grants."""

import pandas as pd
import streamlit as st

from regie import access, audit, history, i18n, labels, lake, settings, table_format, ui, upload

ui.ensure_routed()
lang = ui.session_lang()
mine = ui.scope()
db = ui.database()
data_dir = settings.data_dir()
names = ui.member_names(db) if db.has_data() else {}  # member_counts is a published comparison

st.title(i18n.t("Administration", lang))
upload.section(lang, names, mine)

st.header(i18n.t("Undo the last write", lang))
writes = history.snapshots(data_dir) if lake.layout(data_dir) == "lake" else []
done = st.session_state.pop("undo_done", None)
if done:
    st.success(done)
if writes:
    last = writes[-1]
    st.caption(
        i18n.t(
            "Last write: {what} (snapshot {id}, {time}).",
            lang,
            id=last.id,
            what=last.message,
            time=i18n.long_date(last.at.date(), lang),
        )
    )
    if st.checkbox(i18n.t("I want to undo this write", lang), key="undo_sure") and st.button(
        i18n.t("Undo", lang), key="undo"
    ):
        message = history.undo(data_dir)
        audit.record(data_dir, mine, "undo", f"snapshot {last.id} ({last.message})")
        st.session_state["undo_done"] = message
        st.rerun()
else:
    st.caption(i18n.t("Nothing has been written yet to undo.", lang))

st.header(i18n.t("Audit log", lang))
st.caption(
    i18n.t(
        "Imports, undos, downloads and documents made, with the account (subject identifier, not "
        "a name) and role. Entries older than {days} days are dropped.",
        lang,
        days=settings.AUDIT_DAYS.get(),
    )
)
log = audit.entries(data_dir)
if log:
    frame = pd.DataFrame(log)
    frame["time"] = [ui.local_time(stamp) for stamp in frame["time"]]
    frame["members"] = frame["members"].map(
        lambda m: ", ".join(m) if isinstance(m, list) else i18n.t("all members", lang)
    )
    st.dataframe(
        table_format.styled(frame.rename(columns=lambda c: labels.show(labels.AUDIT_COLUMNS, c, lang)), lang),
        hide_index=True,
        key="audit",
    )
else:
    st.info(i18n.t("The audit log is still empty.", lang))

st.header(i18n.t("Who may see what", lang))
if not mine.signed_in:
    st.info(i18n.t("Sign-in is off (no [auth] in .streamlit/secrets.toml): the access file does not apply.", lang))
else:
    try:
        rules = access.load(settings.access_file())
    except access.AccessFileError as error:
        st.error(str(error))
    else:
        rules_table = pd.DataFrame(
            [
                {
                    i18n.t("Claim", lang): r.claim,
                    i18n.t("Value", lang): r.value or f"@{r.domain}",
                    i18n.t("Role", lang): labels.show(labels.ROLES, r.role, lang),
                    i18n.pt("access_col_members", "Members", lang): ", ".join(
                        names.get(m, m) for m in (r.members or (r.municipality,))
                    )
                    if r.municipality or r.members
                    else i18n.t("all members", lang),
                }
                for r in rules.rules
            ]
        )
        st.dataframe(table_format.styled(rules_table, lang), hide_index=True, key="access_rules")
