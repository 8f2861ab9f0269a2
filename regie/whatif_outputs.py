"""The DVO what-if taken elsewhere: its workbook (the proposal and the results, real numbers) and the
link that adds it to the board pack."""

from __future__ import annotations

from datetime import date

import pandas as pd

from regie import exports, i18n, labels
from regie.boardpack import SECTIONS
from regie.norm_proposal import apply, encode
from regie.whatif import MEASURES, Result, norm_text


def _yes_no(value, lang: str):
    return None if pd.isna(value) else (i18n.t("yes", lang) if bool(value) else i18n.t("no", lang))


def _proposal_sheet(result: Result, lang: str) -> pd.DataFrame:
    proposed = apply(list(result.current), list(result.changed))
    rows = []
    for now, new in zip(result.current, proposed, strict=True):
        row = {
            i18n.t("Type", lang): labels.show(labels.TICKET_TYPES, now.ticket_type, lang),
            i18n.t("Priority", lang): now.priority,
        }
        for prefix, norm in ((i18n.t("Current norms", lang), now), (i18n.t("Proposal", lang), new)):
            row[(str(prefix) + ": " + i18n.t("Clock", lang))] = labels.show(labels.CLOCKS, norm.clock, lang)
            row[(str(prefix) + ": " + i18n.t("Response (minutes)", lang))] = norm.response_minutes
            row[(str(prefix) + ": " + i18n.t("Resolution (minutes)", lang))] = norm.resolution_minutes
            row[(str(prefix) + ": " + i18n.t("Target", lang) + " (%)")] = float(norm.target_pct)
        rows.append(row)
    return pd.DataFrame(rows)


def _counts_sheet(rows: pd.DataFrame, names: dict[str, str], lang: str, keys: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            i18n.t("Municipality", lang): [names.get(c, c) for c in rows["municipality_code"]],
            i18n.t("Measure", lang): [labels.show(labels.MEASURES, m, lang) for m in rows["measure"]],
        }
    )
    for key, label in keys:
        frame[label] = rows[key].to_numpy()
    return frame


def workbook(result: Result, names: dict[str, str], lang: str, data_until: date | None = None) -> bytes:
    """The XLSX: the proposal beside the norms in force, the scores per member and month, the tickets
    that change side and the realistic norms, with a sheet that says what was tried on what."""
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    scores = [
        ("tickets", t("Tickets (count)")),
        ("within_today", t("Within the norm now (count)")),
        ("within_proposed", t("Within the norm proposal (count)")),
        ("score_today", t("Score now (%)")),
        ("score_proposed", t("Score proposal (%)")),
        ("target_today", t("Target now (%)")),
        ("target_proposed", t("Target proposal (%)")),
    ]
    members = result.grain("member")
    months = result.grain("month").assign(
        month=lambda f: pd.to_datetime(f["month"]).dt.date,
        meets_today=lambda f: [_yes_no(v, lang) for v in f["meets_today"]],
        meets_proposed=lambda f: [_yes_no(v, lang) for v in f["meets_proposed"]],
    )
    month_keys = [
        ("month", t("Month")),
        *scores,
        ("meets_today", t("Target met now")),
        ("meets_proposed", t("Target met proposal")),
    ]
    flips = []
    for grain, column in (("category", "category"), ("group", "assignee_group")):
        rows = result.grain(grain)
        frame = _counts_sheet(
            rows,
            names,
            lang,
            [
                (column, t("Value")),
                ("to_within", t("Into the norm (count)")),
                ("to_over", t("Out of the norm (count)")),
            ],
        )
        frame.insert(2, t("Breakdown"), labels.show(labels.DIMENSIONS, column, lang))
        flips.append(frame)
    proposed = apply(list(result.current), list(result.changed))
    evidence = {(r["measure"], r["ticket_type"], r["priority"]): r for r in result.evidence.to_dict("records")}
    realistic = pd.DataFrame(
        [
            {
                t("Measure"): labels.show(labels.MEASURES, measure, lang),
                t("Type"): labels.show(labels.TICKET_TYPES, norm.ticket_type, lang),
                t("Priority"): norm.priority,
                t("Clock"): labels.show(labels.CLOCKS, norm.clock, lang),
                (t("Target") + " (%)"): float(norm.target_pct),
                t("Tickets (count)"): int(found["tickets"]) if found else 0,
                t("Realistic norm (minutes)"): found["norm_minutes"] if found else None,
            }
            for measure in MEASURES
            for norm in proposed
            for found in [evidence.get((measure, norm.ticket_type, norm.priority))]
        ]
    )  # in the page's order, every norm (one without tickets has no realistic norm)
    notes = [
        (t("Period"), i18n.period_label(result.period, lang)),
        (t("Members"), ", ".join(names.get(c, c) for c in result.members)),
        (t("Proposal"), "; ".join(norm_text(n, lang) for n in result.changed) or t("none (the current norms)")),
        (t("Proposal in the link (dvo=)"), encode(list(result.changed))),
        (
            t("Rules"),
            t(
                "Change a norm in the table and see at once what it would have meant over the chosen "
                "period, member by member. A proposed norm applies to every ticket of its type and "
                "priority; the other tickets keep the norm valid on the day they were opened. Within the "
                "norm means less than or equal."
            ),
        ),
        (
            t("Realistic norms"),
            t(
                "Realistic: the shortest norm within which the chosen members' tickets of this period "
                "would have met the target (the target as a quantile of the times on the norm's clock); "
                "n/a when no norm meets it, as tickets without a measured time are never within."
            ),
        ),
    ]
    if data_until:
        notes.insert(2, (t("Data up to and including"), i18n.long_date(data_until, lang)))
    return exports.frames_xlsx(
        [
            (t("Proposal"), _proposal_sheet(result, lang)),
            (
                t("Scores"),
                _counts_sheet(members.sort_values(["municipality_code", "measure"]), names, lang, scores),
            ),
            (
                t("Months"),
                _counts_sheet(months.sort_values(["municipality_code", "measure", "month"]), names, lang, month_keys),
            ),
            (t("Changes of side"), pd.concat(flips, ignore_index=True)),
            (t("Realistic norms"), realistic),
        ],
        notes,
    )


def pack_link(result: Result, home: str, everyone: bool, quarter: str | None, lang: str) -> dict:
    """st.page_link's arguments for the board pack with this proposal as its section, opened at that
    section: for all members when more than one was chosen and the scope may read them all."""
    params = {
        "taal": lang,
        "gemeente": home,
        "lid": "alle" if everyone and len(result.members) > 1 else home,
        "dvo": encode(list(result.changed)),
        "dvo_periode": result.period.key,
        "onderdeel": str(len(SECTIONS) + 1),
    }
    if quarter:
        params["kwartaal"] = quarter
    return {
        "page": "pages/vergadering.py",
        "label": i18n.t("Add to the board pack", lang),
        "icon": ":material/co_present:",
        "query_params": {k: v for k, v in params.items() if v},
    }
