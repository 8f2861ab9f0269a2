"""The DVO what-if: proposed norms tried on the tickets of a past period, kept apart from Streamlit.

`compute` runs the two queries (queries/dvo_whatif.sql, queries/dvo_norm_evidence.sql) with any
query runner, so the page, the board pack and the tests get the same figures; the builders below
turn a `Result` into the tables, the chart and the workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from regie import charts, i18n, labels
from regie.norm_proposal import Norm, apply, decode, in_force
from regie.periods import Period, month_starts

MEASURES = ("resolution", "response")


@dataclass(frozen=True)
class Result:
    period: Period
    members: tuple[str, ...]
    current: tuple[Norm, ...]
    changed: tuple[Norm, ...]
    counts: pd.DataFrame  # dvo_whatif
    evidence: pd.DataFrame  # dvo_norm_evidence, on the proposal's clocks and targets

    def grain(self, name: str) -> pd.DataFrame:
        return self.counts[self.counts["grain"] == name]


def norms_in_force(run: Callable[[str, dict], pd.DataFrame], period: Period) -> pd.DataFrame:
    return run("dvo_norms", {"start": period.start, "end": period.end})


def compute(
    run: Callable[[str, dict], pd.DataFrame],
    period: Period,
    members: list[str],
    current: list[Norm],
    changed: list[Norm],
) -> Result:
    window = {"members": list(members), "start": period.start, "end": period.end}
    counts = run("dvo_whatif", {**window, "proposal": [n.param() for n in changed]})
    # The realistic norms on today's clocks and targets depend on the period and members only (one cached
    # query); those of a proposal that changes a clock or target are asked for apart.
    evidence = run("dvo_norm_evidence", {**window, "norms": _evidence_norms(current)})
    proposed = apply(current, changed)
    moved = [
        n for n, now in zip(proposed, current, strict=True) if (n.clock, n.target_pct) != (now.clock, now.target_pct)
    ]
    if moved:
        keys = {n.key for n in moved}
        again = run("dvo_norm_evidence", {**window, "norms": _evidence_norms(moved)})
        kept = evidence[
            [(t, p) not in keys for t, p in zip(evidence["ticket_type"], evidence["priority"], strict=True)]
        ]
        evidence = pd.concat([kept, again], ignore_index=True).sort_values(["measure", "ticket_type", "priority"])
    return Result(period, tuple(members), tuple(current), tuple(changed), counts, evidence)


def _evidence_norms(norms: list[Norm]) -> list[dict]:
    return [
        {"ticket_type": n.ticket_type, "priority": n.priority, "clock": n.clock, "target_pct": n.target_pct}
        for n in norms
    ]


def hours(minutes: float | None, lang: str) -> str:
    """A norm's time: '15 min', '4 uur', '2 uur 32 min' ('n.b.' without one)."""
    if minutes is None or pd.isna(minutes):
        return i18n.t("n/a", lang)
    whole, rest = divmod(int(minutes), 60)
    if not whole:
        return i18n.t("{value} min", lang, value=rest)
    shown = i18n.t("{value} h", lang, value=i18n.number(whole, 0, lang))
    return (str(shown) + " " + i18n.t("{value} min", lang, value=rest)) if rest else shown


def norm_text(norm: Norm, lang: str, short: bool = False) -> str:
    """One norm in words, for the proposal's list and the pack (`short`: without type and priority)."""
    values = {
        "type": labels.show(labels.TICKET_TYPES, norm.ticket_type, lang),
        "priority": norm.priority,
        "response": hours(norm.response_minutes, lang),
        "resolution": hours(norm.resolution_minutes, lang),
        "clock": labels.show(labels.CLOCKS, norm.clock, lang),
        "target": target_text(norm.target_pct, lang),
    }
    if short:
        return i18n.t("response {response}, resolution {resolution} ({clock}), target {target}", lang, **values)
    return i18n.t(
        "{type} priority {priority}: response {response}, resolution {resolution} ({clock}), target {target}",
        lang,
        **values,
    )


def target_text(value, lang: str) -> str:
    """A target with the decimals it has: '90%', '92,5%', '92,25%'."""
    value = Decimal(str(value)).normalize()
    return i18n.pct(float(value), max(0, -value.as_tuple().exponent), lang)


def _score(value, lang: str) -> str:
    return i18n.pct(None if pd.isna(value) else float(value), 1, lang)


def _points(before, after, lang: str) -> str:
    if pd.isna(before) or pd.isna(after):
        return i18n.t("n/a", lang)
    difference = round(float(after) - float(before), 1)
    sign = "+" if difference > 0 else ""
    return i18n.t("{value} pts", lang, value=sign + i18n.number(difference, 1, lang))


def scores_table(result: Result, names: dict[str, str], lang: str, measures=MEASURES) -> pd.DataFrame:
    """Per member and measure: the tickets, the score today, under the proposal, and the difference."""
    rows = result.grain("member")
    found = {(r["municipality_code"], r["measure"]): r for r in rows.to_dict("records")}
    table: list[dict] = []
    for code in result.members:
        for measure in measures:
            row = found.get((code, measure))
            today, proposed = (row["score_today"], row["score_proposed"]) if row else (None, None)
            count = i18n.number(row["tickets"], 0, lang) if row else i18n.t("no tickets", lang)
            table.append({
                i18n.t("Municipality", lang): names.get(code, code),
                i18n.t("Measure", lang): labels.show(labels.MEASURES, measure, lang),
                i18n.t("Tickets (count)", lang): count,
                i18n.t("Score now (%)", lang): _score(today, lang),
                i18n.t("Score proposal (%)", lang): _score(proposed, lang),
                i18n.t("Difference (points)", lang): _points(today, proposed, lang),
            })  # fmt: skip
    return pd.DataFrame(table)


def _mark(today, proposed) -> str:
    if pd.isna(today):
        return "–"
    before, after = ("✓" if bool(today) else "✗"), ("✓" if bool(proposed) else "✗")
    return before if before == after else f"{before} → {after}"


def months_table(result: Result, measure: str, names: dict[str, str], lang: str) -> pd.DataFrame:
    """Per member and month: met the target today (✓) or not (✗), and under the proposal where it
    differs (✗ → ✓); '–' for a month without tickets; the last column counts the months met."""
    rows = result.grain("month")
    rows = rows[rows["measure"] == measure].assign(month=lambda f: pd.to_datetime(f["month"]).dt.date)
    months = month_starts(result.period.start, result.period.end)
    table = {i18n.t("Municipality", lang): [names.get(c, c) for c in result.members]}
    marks = {
        (c, m): _mark(a, b)
        for c, m, a, b in zip(rows["municipality_code"], rows["month"], rows["meets_today"], rows["meets_proposed"],
                              strict=True)
    }  # fmt: skip
    one_year = months[0].year == months[-1].year  # then the months by name alone: the table fits a screen
    for month in months:
        shown = Period(month, "month").cut_at(result.period.end)
        label = i18n.month_name(month.month, lang, short=True) if one_year and not shown.partial else None
        table[label or i18n.short_period_label(shown, lang)] = [marks.get((c, month), "–") for c in result.members]
    met = []
    for code in result.members:
        own = rows[rows["municipality_code"] == code]
        today, proposed = int(own["meets_today"].sum()), int(own["meets_proposed"].sum())
        if today == proposed:
            met.append(i18n.t("{today} of {months}", lang, today=today, months=len(own)))
        else:
            met.append(
                i18n.t("{today} → {proposed} of {months}", lang, today=today, proposed=proposed, months=len(own))
            )
    table[i18n.t("Met (now → proposal)", lang)] = met
    return pd.DataFrame(table)


def flips_table(result: Result, dimension: str, names: dict[str, str], lang: str) -> pd.DataFrame:
    """The tickets that change side, per member, measure and category (or assignee group)."""
    rows = result.grain("category" if dimension == "category" else "group")
    column = "category" if dimension == "category" else "assignee_group"
    rows = rows.sort_values(["municipality_code", "measure", column], na_position="last")
    return pd.DataFrame(
        {
            i18n.t("Municipality", lang): [names.get(c, c) for c in rows["municipality_code"]],
            i18n.t("Measure", lang): [labels.show(labels.MEASURES, m, lang) for m in rows["measure"]],
            labels.show(labels.DIMENSIONS, dimension, lang): rows[
                column
            ].tolist(),  # never empty: the contract requires both
            i18n.t("Into the norm (count)", lang): [i18n.number(v, 0, lang) for v in rows["to_within"]],
            i18n.t("Out of the norm (count)", lang): [i18n.number(v, 0, lang) for v in rows["to_over"]],
        }
    )


def norms_table(result: Result, lang: str) -> pd.DataFrame:
    """Per measure, type and priority: the norm today and proposed, the scores of the chosen members
    together, and the norm at which the period's tickets would just have met the (proposed) target."""
    proposed = {n.key: n for n in apply(list(result.current), list(result.changed))}
    grain = result.grain("norm")
    counted = {(r["measure"], r["ticket_type"], r["priority"]): r for r in grain.to_dict("records")}
    columns = ("measure", "ticket_type", "priority", "norm_minutes")
    evidence = {(m, t, p): v for m, t, p, v in zip(*(result.evidence[c] for c in columns), strict=True)}
    rows: list[dict] = []
    for measure in MEASURES:
        for norm in result.current:
            new, key = proposed[norm.key], (measure, norm.ticket_type, norm.priority)
            before, after = getattr(norm, f"{measure}_minutes"), getattr(new, f"{measure}_minutes")
            found = counted.get(key)
            none = i18n.t("no tickets", lang)
            rows.append({
                i18n.t("Measure", lang): labels.show(labels.MEASURES, measure, lang),
                i18n.t("Type", lang): labels.show(labels.TICKET_TYPES, norm.ticket_type, lang),
                i18n.t("Priority", lang): norm.priority,
                i18n.t("Clock", lang): labels.show(labels.CLOCKS, new.clock, lang),
                i18n.t("Target", lang): target_text(new.target_pct, lang),
                i18n.t("Norm", lang): hours(before, lang) if before == after
                else f"{hours(before, lang)} → {hours(after, lang)}",
                i18n.t("Tickets (count)", lang): i18n.number(found["tickets"], 0, lang) if found else none,
                i18n.t("Score now (%)", lang): _score(found["score_today"], lang) if found else none,
                i18n.t("Score proposal (%)", lang): _score(found["score_proposed"], lang) if found else none,
                i18n.t("Realistic norm", lang): hours(evidence.get(key), lang) if found else none,
            })  # fmt: skip
    return pd.DataFrame(rows)


def chart_target(result: Result) -> Decimal:
    """The target the charts draw: the lower median of the proposal's targets (as "DVO target on charts"
    in the README: one line, where a ticket-weighted mean would be a figure no norm has)."""
    targets = sorted(n.target_pct for n in apply(list(result.current), list(result.changed)))
    return targets[(len(targets) - 1) // 2]


def scores_chart(result: Result, measure: str, names: dict[str, str], lang: str) -> tuple:
    """Each member's score today (grey circle) and under the proposal (blue diamond), the target drawn."""
    rows = result.grain("member")
    own = rows[rows["measure"] == measure].set_index("municipality_code").reindex(list(result.members))
    ticks = [names.get(c, c) for c in result.members]
    target = chart_target(result)
    title = labels.show(labels.MEASURE_CHARTS, measure, lang)
    fig = charts.dumbbell(
        ticks,
        own["score_today"].tolist(),
        own["score_proposed"].tolist(),
        (i18n.t("Current norms", lang), i18n.t("Proposal", lang)),
        title,
        lang,
        float(target),
        i18n.t("Target {value}", lang, value=target_text(target, lang)),
    )
    higher = int(((own["score_proposed"] - own["score_today"]) > 0).sum())
    lower = int(((own["score_proposed"] - own["score_today"]) < 0).sum())
    first = own.iloc[0] if len(own) else None
    measure_name = labels.show(labels.MEASURES, measure, lang).lower()
    if not higher and not lower:
        summary = i18n.t("The proposal changes no score for {measure}.", lang, measure=measure_name)
    elif len(ticks) == 1:
        summary = i18n.t(
            "With the proposal, the score for {measure} is {after} instead of {before}.",
            lang,
            measure=measure_name,
            before=_score(first["score_today"] if first is not None else None, lang),
            after=_score(first["score_proposed"] if first is not None else None, lang),
        )
    else:
        summary = i18n.t(
            "With the proposal, {higher} of the {count} members score higher and {lower} lower on {measure}.",
            lang,
            measure=measure_name,
            higher=higher,
            lower=lower,
            count=len(ticks),
        )
    months = result.grain("month")
    months = months[months["measure"] == measure]
    gained = int((months["meets_proposed"] & ~months["meets_today"]).sum())
    lost = int((months["meets_today"] & ~months["meets_proposed"]).sum())
    sentences = [summary]
    if gained:
        sentences.append(
            i18n.tn(
                "With the proposal, 1 month meets the target that misses it now.",
                "With the proposal, {count} months meet the target that miss it now.",
                lang,
                count=gained,
            )
        )
    if lost:
        sentences.append(
            i18n.tn(
                "With the proposal, 1 month misses the target that meets it now.",
                "With the proposal, {count} months miss the target that meet it now.",
                lang,
                count=lost,
            )
        )
    summary = " ".join(sentences)  # fmt: skip
    return fig, scores_table(result, names, lang, (measure,)), summary


@dataclass(frozen=True)
class Request:
    """A proposal as a link or the command line gives it: the period it is tried on, and its compact form."""

    period: Period
    code: str


def resolve(run: Callable[[str, dict], pd.DataFrame], request: Request) -> tuple[list[Norm], list[Norm]]:
    """The norms in force in the request's period and the changed ones it holds (a ProposalError when bad)."""
    current = in_force(norms_in_force(run, request.period))
    return current, decode(request.code, current)
