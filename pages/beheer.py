"""Beheer: imports, undo of the last write, the audit log and what the access file grants."""

import pandas as pd
import streamlit as st

from regie import access, audit, history, i18n, lake, settings, ui, upload

ui.ensure_routed()
lang = ui.session_lang()
mine = ui.scope()
db = ui.database()
data_dir = settings.data_dir()
names = ui.member_names(db) if db.has_data() else {}  # member_counts is a published comparison

st.title(i18n.t("page_beheer", lang))
upload.section(lang, names, mine)

st.header(i18n.t("undo_header", lang))
writes = history.snapshots(data_dir) if lake.layout(data_dir) == "lake" else []
done = st.session_state.pop("undo_done", None)
if done:
    st.success(done)
if writes:
    last = writes[-1]
    st.caption(i18n.t("undo_last", lang, id=last.id, what=last.message, time=i18n.long_date(last.at.date(), lang)))
    if st.checkbox(i18n.t("undo_sure", lang), key="undo_sure") and st.button(i18n.t("undo_button", lang), key="undo"):
        message = history.undo(data_dir)
        audit.record(data_dir, mine, "undo", f"snapshot {last.id} ({last.message})")
        st.session_state["undo_done"] = message
        st.rerun()
else:
    st.caption(i18n.t("undo_nothing", lang))

st.header(i18n.t("audit_header", lang))
st.caption(i18n.t("audit_intro", lang, days=settings.AUDIT_DAYS.get()))
log = audit.entries(data_dir)
if log:
    frame = pd.DataFrame(log)
    frame["members"] = frame["members"].map(
        lambda m: ", ".join(m) if isinstance(m, list) else i18n.t("all_members", lang)
    )
    st.dataframe(frame.rename(columns=lambda c: i18n.t(f"audit_col_{c}", lang)), hide_index=True, key="audit")
else:
    st.info(i18n.t("audit_empty", lang))

st.header(i18n.t("access_header", lang))
if not mine.signed_in:
    st.info(i18n.t("access_demo", lang))
else:
    try:
        rules = access.load(settings.access_file())
    except access.AccessFileError as error:
        st.error(str(error))
    else:
        st.dataframe(pd.DataFrame([
            {i18n.t("access_col_claim", lang): r.claim, i18n.t("access_col_match", lang): r.value or f"@{r.domain}",
             i18n.t("access_col_role", lang): i18n.t(f"role_{r.role}", lang),
             i18n.t("access_col_members", lang): ", ".join(names.get(m, m) for m in (r.members or (r.municipality,)))
             if r.municipality or r.members else i18n.t("all_members", lang)}
            for r in rules.rules
        ]), hide_index=True, key="access_rules")  # fmt: skip
