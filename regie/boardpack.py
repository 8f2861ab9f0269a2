"""The board pack: one quarter for one member or all members, in sections, for meeting mode and the document.

Every figure comes from the same queries and builders as the pages, so the pack and the
pages agree for the same filters. `build` takes the query runner and the figures function
(cached ones in the app, plain ones in tests and scripts) of one pinned snapshot, whose number
and commit time the pack records: `python -m regie pack --snapshot N` makes it again as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from regie import costs, discussion, i18n, labels, overview, service, together, whatif
from regie.coverage import Coverage
from regie.kpis import figures_of, figures_or_none, member_average
from regie.periods import Period

SECTIONS = ("summary", "service", "costs", "suppliers", "together", "points")
TITLES = {  # each section's title: the page's title where a page shows it
    "summary": i18n.N_("Summary"),
    "service": labels.PAGES["dienstverlening"],
    "costs": labels.PAGES["kosten"],
    "suppliers": labels.PAGES["leveranciers"],
    "together": labels.PAGES["samen"],
    "points": i18n.N_("Points for discussion"),
    "proposal": i18n.N_("Proposed DVO norms"),  # only in a pack asked for with a proposal of DVO norms (whatif.py)
}
SUMMARY_FIELDS = overview.TILES


@dataclass
class Chart:
    fig: object
    table: pd.DataFrame
    summary: str
    key: str


@dataclass
class Section:
    key: str
    title: str
    texts: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    points: list[discussion.Point] = field(default_factory=list)


@dataclass
class Pack:
    period: Period
    member: str | None  # None: all members
    lang: str
    data_until: date
    scope: str  # the member's name, or "all members"
    sections: list[Section]
    definitions: list[tuple[str, str]]
    snapshot: int | None = None  # the lake's snapshot every figure was read from
    snapshot_at: datetime | None = None  # when that snapshot was committed (Europe/Amsterdam)

    @property
    def title(self) -> str:
        return i18n.t(
            "IT commissioning board: {scope}, {period}",
            self.lang,
            scope=self.scope,
            period=i18n.period_label(self.period, self.lang),
        )


def quarters(coverage: Coverage) -> list[Period]:
    """The quarters a pack can be made for, newest first: the one running, cut where the data end,
    and every complete one (Coverage.offered)."""
    return [p for p in coverage.offered() if p.kind == "quarter"]


def default_quarter(offered: list[Period]) -> Period | None:
    """The quarter a meeting discusses by default: the last complete one, else the running one."""
    return next((p for p in offered if not p.partial), offered[0] if offered else None)


def build(
    run: Callable[[str, dict], pd.DataFrame],
    figures: Callable[[Period], pd.DataFrame],
    names: dict[str, str],
    home: str,
    period: Period,
    member: str | None,
    coverage: Coverage,
    lang: str,
    only: int | None = None,
    snapshot: int | None = None,
    snapshot_at: datetime | None = None,
    proposal: tuple[whatif.Request, list, list] | None = None,
) -> Pack:
    """The pack for a quarter (cut where the data end); `coverage` is what the data cover; `snapshot` and
    `snapshot_at` name the snapshot that `run` and `figures` read, for the document to state.

    With `only` (a section's index), that section is built and the others hold their title only:
    meeting mode shows one section at a time, the document needs them all. With `proposal` (a request,
    the norms in force and the changed ones: whatif.resolve), a last section shows what the proposed DVO
    norms would have meant."""
    run = _once(run)
    until = coverage.until
    members = [member] if member else list(names)
    focus = member or home  # charts that mark one member mark this one
    scope = names[member] if member else i18n.t("all members", lang)
    year = Period.parse(str(period.year)).cut_at(until)  # the year so far, as far as the data cover it
    current, before = figures(period), figures(period.previous())
    points = _points(run, names, period, year, member, members, coverage)
    builders = [
        lambda: _summary(current, before, names, member, period, run, figures, year, lang, len(points)),
        lambda: _service(run, current, names, members, focus, period, coverage.first, lang),
        lambda: _costs(run, names, members, focus, period, until, lang),
        lambda: _suppliers(run, names, members, period, until, lang, coverage.covers(period.year_ago())),
        lambda: _together(run, names, members, focus, period, year, coverage, lang),
        lambda: Section("points", i18n.t(TITLES["points"], lang), points=points,
                        texts=[] if points else [i18n.t("By the rules there are no points for discussion.", lang)]),
    ]  # fmt: skip
    keys = list(SECTIONS)
    if proposal:
        builders.append(lambda: _proposal(run, names, members, *proposal, lang))
        keys.append("proposal")
    sections = [
        build() if only is None or index == only else Section(key, i18n.t(TITLES[key], lang))
        for index, (build, key) in enumerate(zip(builders, keys, strict=True))
    ]
    definitions = [(i18n.t(labels.KPIS[f], lang), i18n.t(labels.DEFINITIONS[f], lang)) for f in SUMMARY_FIELDS]
    definitions.append((i18n.t(TITLES["points"], lang), i18n.t(labels.DEFINITIONS["points"], lang)))
    return Pack(period, member, lang, until, scope, sections, definitions, snapshot, snapshot_at)


def _once(run: Callable[[str, dict], pd.DataFrame]) -> Callable[[str, dict], pd.DataFrame]:
    """The runner, each query with the same parameters run once per pack: the rules and the sections
    ask for the same rows (breaches, budgets, contracts, savings, exceptions)."""
    done: dict[tuple[str, str], pd.DataFrame] = {}

    def run_once(name: str, params: dict) -> pd.DataFrame:
        key = (name, repr(sorted(params.items())))
        if key not in done:
            done[key] = run(name, params)
        return done[key]

    return run_once


def _points(run, names, period: Period, year: Period, member, members, coverage) -> list[discussion.Point]:
    until = coverage.until
    window = {"members": members, "start": period.start, "end": period.end, "category": None, "assignee_group": None}
    monthly = service.monthly_scores(run("sla_by_month", window), "resolution", period.start, period.end)
    breaches = run("breaches_by", {"dimension": "category", "members": members, **period.params(),
                                   "category": None, "assignee_group": None})  # fmt: skip
    budget = run("budget_vs_actual", {"year": period.year, "until": until})
    budget = budget[budget["municipality_code"].isin(members)]
    status = run("contract_status", {"members": members, "until": until})
    savings = run("savings_by_initiative", {"members": members, "first": coverage.first, "until": until})
    exceptions = run("policy_exceptions", {"members": members, **period.params()})
    return [
        *discussion.months_under_target(monthly, names, period),
        *discussion.top_breaches(breaches, period, member),
        *discussion.budget_overruns(budget, names, year.key),
        *discussion.contracts(status, until, member),
        *discussion.lagging_savings(savings, names),
        *discussion.largest_exception(exceptions, names, period),
    ]


def _summary(current, before, names, member, period, run, figures, year, lang, count) -> Section:
    section = Section("summary", i18n.t(TITLES["summary"], lang))
    if member:
        tiles = overview.tiles(figures_of(current, member), figures_or_none(before, member), member_average(current),
                               i18n.t("the previous period", lang), lang, period.year)  # fmt: skip
        table = pd.DataFrame({
            i18n.t("Figure", lang): [t.label for t in tiles],
            i18n.period_label(period, lang): [t.value for t in tiles],
            i18n.t("Change on the previous quarter", lang): [t.delta for t in tiles],
            i18n.t("Verdict", lang): [t.verdict for t in tiles],
        })  # fmt: skip
        section.tables.append((i18n.t("Figures of {name}", lang, name=names[member]), table))
        exceptions = run("policy_exceptions", {"members": [member], **year.params()})  # the paragraph's year
        this_year, last_year = figures_of(figures(year), member), figures_or_none(figures(year.previous()), member)
        supported = None
        if this_year.get("realized_savings_eur") is None:  # the year runs: what the invoices support so far
            check = run("savings_check", {"members": [member], "year": year.year, "until": year.end})
            supported = together.provisional(check, member)
        section.texts.append(together.summary_paragraph(names[member], year, this_year, last_year, exceptions, lang,
                                                        supported))  # fmt: skip
    else:
        rows = current.loc[[c for c in names if c in current.index]]
        table = pd.DataFrame({i18n.t("Municipality", lang): [names[c] for c in rows.index]})
        for f in SUMMARY_FIELDS:
            table[i18n.t(labels.KPIS[f], lang)] = [overview.show(f, v, lang) for v in rows[f]]
        section.tables.append(
            (i18n.t("Members side by side, {period}", lang, period=i18n.period_label(period, lang)), table)
        )
    section.texts.append(i18n.t("Points for discussion by the rules: {count}.", lang, count=count))
    return section


def _service(run, current, names, members, focus, period, first, lang) -> Section:
    section = Section("service", i18n.t(TITLES["service"], lang))
    window = service.month_window(period, first)
    sla = run("sla_by_month", {"members": members, "start": window[0], "end": window[1], "category": None,
                               "assignee_group": None})  # fmt: skip
    fig, table, summary = service.compliance_chart(sla, "resolution", window, members, names, focus, lang)
    section.charts.append(Chart(fig, table, summary, "pack_sla"))
    breaches = run("breaches_by", {"dimension": "category", "members": members, **period.params(),
                                   "category": None, "assignee_group": None})  # fmt: skip
    fig, table, summary = service.breaches_chart(breaches, "category", None, lang)
    section.charts.append(Chart(fig, table, summary, "pack_breaches"))
    # Side by side: every member taking part, also in a member's own pack (one row and its own median
    # would compare it with itself).
    side = current.loc[[c for c in names if c in current.index]]
    section.tables.append((i18n.t("Members side by side, {period}", lang, period=i18n.period_label(period, lang)),
                           service.members_table(side, names, lang)))  # fmt: skip
    return section


def _costs(run, names, members, focus, period, until, lang) -> Section:
    section = Section("costs", i18n.t(TITLES["costs"], lang))
    budget = run("budget_vs_actual", {"year": period.year, "until": until})
    budget = budget[budget["municipality_code"].isin(members)]
    fig, table, summary = costs.budget_chart(budget, focus, names, lang)
    section.charts.append(Chart(fig, table, summary, "pack_budget"))
    heading, intro = costs.budget_heading(period.year, until, lang)
    section.texts.append(intro)
    section.tables.append((heading, costs.budget_table(budget, names, lang)))
    return section


def _suppliers(run, names, members, period, until, lang, covered_before: bool) -> Section:
    section = Section("suppliers", i18n.t(TITLES["suppliers"], lang))
    scorecard = costs.scorecard(run, members, period, covered_before)
    contracts = run("contract_status", {"members": members, "until": until})
    fig, table, summary = costs.suppliers_chart(scorecard, period, lang)
    section.charts.append(Chart(fig, table, summary, "pack_suppliers"))
    fig, table, summary = costs.ceiling_chart(contracts, lang)
    section.charts.append(Chart(fig, table, summary, "pack_ceiling"))
    section.tables.append(
        (
            i18n.t("Ending within 12 months (re-tendering pipeline)", lang),
            costs.ending_soon_table(contracts, names, lang),
        )
    )
    return section


def _together(run, names, members, focus, period, year, coverage, lang) -> Section:
    section = Section("together", i18n.t(TITLES["together"], lang))
    savings = run("savings_by_initiative", {"members": members, "first": coverage.first, "until": coverage.until})
    fig, table, summary = together.initiatives_chart(savings, focus, names[focus], year, lang)
    section.charts.append(Chart(fig, table, summary, "pack_initiatives"))
    exceptions = run("policy_exceptions", {"members": members, **period.params()})
    fig, table, summary = together.exceptions_chart(exceptions, names, lang)
    section.charts.append(Chart(fig, table, summary, "pack_exceptions"))
    return section


def _proposal(run, names, members, request: whatif.Request, current, changed, lang) -> Section:
    section = Section("proposal", i18n.t(TITLES["proposal"], lang))
    result = whatif.compute(run, request.period, members, current, changed)
    section.texts.append(
        i18n.t(
            "Tried on the tickets of {period} of {members}. Without a proposal, every ticket counts "
            "with the norm valid on the day it was opened.",
            lang,
            period=i18n.period_label(request.period, lang),
            members=", ".join(names.get(c, c) for c in members),
        )
    )
    listed = "; ".join(whatif.norm_text(n, lang) for n in changed) or i18n.t("none (the current norms)", lang)
    section.texts.append(i18n.t("Proposal: {norms}", lang, norms=listed))
    for measure in whatif.MEASURES:
        fig, table, summary = whatif.scores_chart(result, measure, names, lang)
        section.charts.append(Chart(fig, table, summary, f"pack_whatif_{measure}"))
    section.tables.append((i18n.t("Scores per member", lang), whatif.scores_table(result, names, lang)))
    section.tables.append((i18n.t("Per type and priority: what is realistic", lang), whatif.norms_table(result, lang)))
    return section
