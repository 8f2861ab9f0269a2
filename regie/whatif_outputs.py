"""The DVO what-if taken elsewhere: its workbook (the proposal and the results, real numbers) and the
link that adds it to the board pack."""

from __future__ import annotations

from datetime import date

import pandas as pd

from regie import exports, i18n
from regie.boardpack import SECTIONS
from regie.norm_proposal import apply, encode
from regie.whatif import MEASURES, Result, norm_text


def _yes_no(value, lang: str):
    return None if pd.isna(value) else i18n.t("yes" if bool(value) else "no", lang)


def _proposal_sheet(result: Result, lang: str) -> pd.DataFrame:
    proposed = apply(list(result.current), list(result.changed))
    rows = []
    for now, new in zip(result.current, proposed, strict=True):
        row = {i18n.t("ticket_type", lang): i18n.t(now.ticket_type, lang), i18n.t("priority", lang): now.priority}
        for label, norm in (("whatif_today", now), ("whatif_proposal", new)):
            prefix = i18n.t(label, lang)
            row[f"{prefix}: {i18n.t('whatif_clock', lang)}"] = i18n.t(f"clock_{norm.clock}", lang)
            row[f"{prefix}: {i18n.t('whatif_response_minutes', lang)}"] = norm.response_minutes
            row[f"{prefix}: {i18n.t('whatif_resolution_minutes', lang)}"] = norm.resolution_minutes
            row[f"{prefix}: {i18n.t('target_pct', lang)} (%)"] = float(norm.target_pct)
        rows.append(row)
    return pd.DataFrame(rows)


def _counts_sheet(rows: pd.DataFrame, names: dict[str, str], lang: str, keys: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            i18n.t("municipality", lang): [names.get(c, c) for c in rows["municipality_code"]],
            i18n.t("whatif_measure", lang): [i18n.t(f"whatif_measure_{m}", lang) for m in rows["measure"]],
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
        ("tickets", t("whatif_tickets")),
        ("within_today", t("whatif_within_today")),
        ("within_proposed", t("whatif_within_proposed")),
        ("score_today", t("whatif_score_today")),
        ("score_proposed", t("whatif_score_proposed")),
        ("target_today", t("whatif_target_today")),
        ("target_proposed", t("whatif_target_proposed")),
    ]
    members = result.grain("member")
    months = result.grain("month").assign(
        month=lambda f: pd.to_datetime(f["month"]).dt.date,
        meets_today=lambda f: [_yes_no(v, lang) for v in f["meets_today"]],
        meets_proposed=lambda f: [_yes_no(v, lang) for v in f["meets_proposed"]],
    )
    month_keys = [
        ("month", t("month")),
        *scores,
        ("meets_today", t("whatif_met_today")),
        ("meets_proposed", t("whatif_met_proposed")),
    ]
    flips = []
    for grain, column, label in (("category", "category", "category"), ("group", "assignee_group", "assignee_group")):
        rows = result.grain(grain)
        frame = _counts_sheet(
            rows,
            names,
            lang,
            [(column, t("whatif_value")), ("to_within", t("whatif_to_within")), ("to_over", t("whatif_to_over"))],
        )
        frame.insert(2, t("whatif_dimension"), t(label))
        flips.append(frame)
    proposed = apply(list(result.current), list(result.changed))
    evidence = {(r["measure"], r["ticket_type"], r["priority"]): r for r in result.evidence.to_dict("records")}
    realistic = pd.DataFrame(
        [
            {
                t("whatif_measure"): t(f"whatif_measure_{measure}"),
                t("ticket_type"): t(norm.ticket_type),
                t("priority"): norm.priority,
                t("whatif_clock"): t(f"clock_{norm.clock}"),
                f"{t('target_pct')} (%)": float(norm.target_pct),
                t("whatif_tickets"): int(found["tickets"]) if found else 0,
                t("whatif_realistic_minutes"): found["norm_minutes"] if found else None,
            }
            for measure in MEASURES
            for norm in proposed
            for found in [evidence.get((measure, norm.ticket_type, norm.priority))]
        ]
    )  # in the page's order, every norm (one without tickets has no realistic norm)
    notes = [
        (t("period"), i18n.period_label(result.period, lang)),
        (t("whatif_members_label"), ", ".join(names.get(c, c) for c in result.members)),
        (t("whatif_proposal"), "; ".join(norm_text(n, lang) for n in result.changed) or t("whatif_none")),
        (t("whatif_link_code"), encode(list(result.changed))),
        (t("whatif_rules"), t("whatif_intro")),
        (t("whatif_realistic"), t("whatif_evidence_help")),
    ]
    if data_until:
        notes.insert(2, (t("whatif_data_until"), i18n.long_date(data_until, lang)))
    return exports.frames_xlsx(
        [
            (t("whatif_proposal"), _proposal_sheet(result, lang)),
            (
                t("whatif_sheet_scores"),
                _counts_sheet(members.sort_values(["municipality_code", "measure"]), names, lang, scores),
            ),
            (
                t("whatif_sheet_months"),
                _counts_sheet(months.sort_values(["municipality_code", "measure", "month"]), names, lang, month_keys),
            ),
            (t("whatif_sheet_flips"), pd.concat(flips, ignore_index=True)),
            (t("whatif_realistic"), realistic),
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
        "label": i18n.t("whatif_to_pack", lang),
        "icon": ":material/co_present:",
        "query_params": {k: v for k, v in params.items() if v},
    }
