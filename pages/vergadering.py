"""Vergadering: the quarter's board pack in meeting mode, one section at a time, and as a document
(made by regie/document.py as `python -m regie pack` makes it)."""

import streamlit as st

from regie import audit, boardpack, document, i18n, settings, signin, table_format, ui, whatif
from regie.norm_proposal import ProposalError
from regie.periods import Period

db, f = ui.context()
lang = f.lang
# Meeting mode: no sidebar, larger text for a projector.
st.html(
    "<style>[data-testid=stSidebar], [data-testid=stSidebarCollapsedControl], [data-testid=stExpandSidebarButton]"
    " {display: none;}"
    " .stMainBlockContainer p, .stMainBlockContainer li {font-size: 1.3rem;}"
    " .stMainBlockContainer h2 {font-size: 2.4rem;}</style>"
)
st.page_link("pages/overzicht.py", label=i18n.t("Back to the dashboard", lang), icon=":material/arrow_back:")

ignored: list[str] = []
offered = boardpack.quarters(f.coverage)
if not offered:
    st.info(i18n.t("There are no data for a quarter yet.", lang))
    st.stop()
quarters = [q.key for q in offered]
left, right = st.columns(2)
default = boardpack.default_quarter(offered).key
quarter = ui.bound_select(left, i18n.t("Quarter", lang), quarters, "kwartaal", default, ignored,
                          lambda q: i18n.period_label(Period.from_key(q), lang),
                          alias=ui.period_alias(quarters))  # fmt: skip
mine = ui.scope()
asked = st.query_params.get("lid", f.home)
signin.refuse_outside(mine, list(f.names) if asked == "alle" else [asked], f.names, lang)  # a tampered lid=
codes = [c for c in ["alle", *f.names] if (c == "alle" and mine.members is None) or mine.may_read(c)]
member = ui.bound_select(right, i18n.t("Member", lang), codes, "lid", f.home, ignored,
                         lambda c: i18n.t("all members", lang) if c == "alle" else f.names[c])  # fmt: skip
if ignored:
    st.warning(i18n.t("Not applied from the link: {names}. The default was used.", lang, names=", ".join(ignored)))

period = Period.from_key(quarter)
pack_members = None if member == "alle" else [member]


def asked_proposal() -> tuple | None:
    """The proposal of DVO norms the link asks the pack to show (from DVO-herijking), or None."""
    code = st.query_params.get("dvo")
    if not code:
        return None
    offered_keys = [p.key for p in f.coverage.offered()]
    asked = st.query_params.get("dvo_periode")  # without one, the pack's own quarter (as `pack --dvo`)
    key = ui.period_alias(offered_keys)(asked) if asked else quarter
    try:
        if key is None:
            raise ProposalError("period")
        request = whatif.Request(Period.from_key(key), code)
        return (request, *whatif.resolve(ui.run, request))
    except ProposalError as problem:
        st.warning(i18n.t("The proposal in the link was not used: {reason}", lang, reason=problem.text(lang)))
        for name in ("dvo", "dvo_periode"):  # as DVO-herijking does: a link's bad proposal is not kept
            st.query_params.pop(name, None)
        return None


proposal = asked_proposal()
keys = [*boardpack.SECTIONS, *(["proposal"] if proposal else [])]
numbers = [str(n) for n in range(1, len(keys) + 1)]
if st.session_state.get("onderdeel") not in numbers:
    st.session_state.pop("onderdeel", None)
heading = st.empty()  # the pack's title, above the navigation, once the pack is built


def step(by: int) -> None:
    current = int(st.session_state.get("onderdeel", "1"))
    st.session_state["onderdeel"] = str(min(max(current + by, 1), len(numbers)))


back, middle, forward = st.columns([1, 4, 1], vertical_alignment="bottom")
back.button(i18n.t("Previous", lang), on_click=step, args=(-1,), icon=":material/arrow_back:",
            key="previous", width="stretch")  # fmt: skip
forward.button(i18n.t("Next", lang), on_click=step, args=(1,), icon=":material/arrow_forward:",
               key="next", width="stretch")  # fmt: skip
titles = {str(i): i18n.t(boardpack.TITLES[key], lang) for i, key in enumerate(keys, start=1)}


def part(n: str) -> str:
    return i18n.t("Part {number} of {total}: {title}", lang, number=n, total=len(numbers), title=titles[n])


number = ui.bound_select(middle, i18n.t("Part", lang), numbers, "onderdeel", "1", ignored, part)


def build(only: int | None):
    """The pack: in meeting mode only the section shown is built; the document needs them all."""
    chosen = None if member == "alle" else member
    return boardpack.build(ui.run, ui.figures, f.names, f.home, period, chosen, f.coverage, lang, only,
                           snapshot=db.snapshot, snapshot_at=db.snapshot_at, proposal=proposal)  # fmt: skip


pack = build(int(number) - 1)
heading.title(pack.title)
section = pack.sections[int(number) - 1]

st.header(section.title)
for text in section.texts:
    st.markdown(text)
if section.points:
    st.markdown(
        "\n".join(
            (str(i) + ". " + str(p.text(lang)) + " [" + i18n.t("See the page", lang) + "](" + str(p.link(lang)) + ")")
            for i, p in enumerate(section.points, start=1)
        )
    )
columns = st.columns(2) if len(section.charts) > 1 else [st.container()]
for index, chart in enumerate(section.charts):
    with columns[index % len(columns)]:
        ui.chart(chart.fig, chart.table, chart.summary, chart.key, lang)
for title, frame in section.tables:
    st.markdown(f"**{title}**")
    st.dataframe(table_format.styled(frame, lang), hide_index=True, key=f"{section.key}_{title}")

st.divider()
st.subheader(i18n.t("Document for the agenda and minutes", lang))
made_key = ("pack_made_files", db.version, quarter, member, lang, st.query_params.get("dvo"),
            st.query_params.get("dvo_periode"))  # fmt: skip
if st.button(i18n.t("Make the document", lang), key="make_document", icon=":material/description:"):
    progress = st.progress(0.0, text=i18n.t("Making the document: {step}", lang, step="HTML"))

    def tell(stage: str) -> None:
        progress.progress(
            0.3 if stage == "html" else 0.6, text=i18n.t("Making the document: {step}", lang, step=stage.upper())
        )

    html_text, pdf_bytes = document.make(build(None), tell)
    audit.record(settings.data_dir(), mine, "document", f"board pack {period} {member}", pack_members)
    progress.progress(1.0, text=i18n.t("Done.", lang))
    st.session_state["pack_files"] = (made_key, html_text, pdf_bytes)
made = st.session_state.get("pack_files")
if made and made[0] == made_key:
    _, html_text, pdf_bytes = made
    name = f"bestuurlijk-overleg-{period}-{member}"
    left, right = st.columns(2)
    left.download_button(i18n.t("HTML (interactive, works offline)", lang), html_text, f"{name}.html", "text/html",
                         key="download_pack_html", on_click=audit.record,
                         args=(settings.data_dir(), mine, "download", f"{name}.html", pack_members))  # fmt: skip
    if pdf_bytes is None:
        right.warning(
            i18n.t(
                "The PDF needs the chromium browser, which is missing here. Install it with `sudo apt-get "
                "install chromium` (or set REGIE_CHROMIUM to the path of a chromium). The HTML document "
                "works, and can be printed to PDF from the browser.",
                lang,
            )
        )
    else:
        right.download_button(i18n.t("PDF (A4 landscape)", lang), pdf_bytes, f"{name}.pdf", "application/pdf",
                              key="download_pack_pdf", on_click=audit.record,
                              args=(settings.data_dir(), mine, "download", f"{name}.pdf", pack_members))  # fmt: skip

with st.expander(i18n.t("Definitions", lang)):
    for term, text in pack.definitions:
        st.markdown(f"**{term}**: {text}")
