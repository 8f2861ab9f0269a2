"""The Streamlit side of the shared code: the cached connection and query results, the
global filters kept in the URL, the guard for missing data, and the chart frame.

Pages call `context()` first; it stops the page with an explanation when there are no
data, and otherwise returns the database handle and the filters.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from regie import access, audit, exports, i18n, labels, lake, manifest, scoping, settings, signin, table_format
from regie.coverage import Coverage
from regie.db import Database
from regie.kpis import figures_or_none, member_figures
from regie.periods import Period, last_full

MAX_PARAM_LENGTH = 200
COMPARISONS = ("previous", "year_ago")
URL_KEYS = ("taal", "gemeente", "leden", "periode", "vergelijk")


@st.cache_resource(show_spinner=False)
def _page_runs(limit: int):
    return threading.BoundedSemaphore(limit) if limit > 0 else contextlib.nullcontext()


def page_turn():
    """Entered around each run of the sidebar and page: at most REGIE_PAGE_RUNS run at once in this
    process, the others wait their turn.

    A page's Python work (figures, tables) holds the interpreter lock, so many runs at once only
    take turns in small slices and all finish late; in turn, the first finish soon and the last
    no later (measured in docs/performance.md)."""
    return _page_runs(int(settings.PAGE_RUNS.get()))


@st.cache_resource(show_spinner=False)
def _head(data_dir: str) -> duckdb.DuckDBPyConnection | None:
    """A connection on the newest snapshot of the lake, to ask which snapshot is newest."""
    if lake.layout(data_dir) != "lake":
        return None
    con = duckdb.connect(config={"threads": 1})
    lake.attach(con, data_dir)
    return con


def newest_snapshot(data_dir: str) -> int | None:
    con = _head(data_dir)
    if con is None:
        _head.clear()  # the lake may be written later
        return None
    cursor = con.cursor()
    try:
        return lake.head(cursor)
    except duckdb.Error as error:
        _head.clear()
        raise lake.damage(Path(data_dir), error) from None
    finally:
        cursor.close()


@st.cache_resource(show_spinner=False, max_entries=3)
def _database(data_dir: str, snapshot: int | None) -> Database:
    return Database(data_dir, snapshot=snapshot)


_run = threading.local()


def start_run() -> Database:
    """Called first by the router on every run: the run reads the newest snapshot as it is now,
    whatever is written while it runs (a write makes a new snapshot, for the next run). A store
    that cannot be read stops the run with a message naming the file and what to do."""
    data_dir = str(settings.data_dir().resolve())
    try:
        _run.db = _database(data_dir, newest_snapshot(data_dir))
    except lake.Damaged as damaged:
        _run.db = None
        lang = "en" if st.query_params.get("taal") == "en" else "nl"  # the sidebar's switch is not drawn yet
        if damaged.key:
            st.error(labels.show(labels.STORE_DAMAGED, damaged.key, lang, **damaged.values))
            st.caption(i18n.t("Technical message: {detail}", lang, detail=damaged.values.get("detail", "")))
        else:
            st.error(str(damaged))
        st.stop()
    return _run.db


def database() -> Database:
    """The connection of this run's snapshot (see start_run)."""
    if getattr(_run, "db", None) is None:
        start_run()
    return _run.db


@st.cache_data(max_entries=4096, show_spinner=False)
def _run_cached(data_dir: str, version: str, name: str, params: tuple, members: tuple | None) -> pd.DataFrame:
    return scoping.scoped(_database(data_dir, int(version) or None), members).run(name, dict(params))


def scope() -> access.Scope:
    """This session's scope (set by the router from the sign-in; the open demo without one)."""
    return st.session_state.get("_scope", access.OPEN)


def run(name: str, params: dict[str, Any], published: bool = False) -> pd.DataFrame:
    """Run a named query on the rows this session may read (a published comparison, or with
    `published`, on every member's rows), cached by query, parameters, scope and data version."""
    db = database()
    members = None if published or name in access.PUBLISHED else scope().members
    return _run_cached(str(db.data_dir), db.version, name, tuple(sorted(params.items())), members)


def published_run(name: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run a named query for a published comparison: every member's rows, whatever the scope."""
    return run(name, params, published=True)


def reader() -> Database | scoping.ScopedDatabase:
    """This run's data as this session may read them: for the Gegevens tables and downloads."""
    return scoping.scoped(database(), scope().members)


@st.cache_data(max_entries=512, show_spinner=False)
def _figures_cached(data_dir: str, version: str, period: str, category: str | None, group: str | None) -> pd.DataFrame:
    return member_figures(published_run, Period.from_key(period), category, group)


def figures(period: Period, category: str | None = None, assignee_group: str | None = None) -> pd.DataFrame:
    """Every member's figures for a period, tickets narrowed to a category or group: the stored
    figures (regie/period_figures.py) where they exist, else computed and cached by data version."""
    db = database()
    return db.figures(
        period,
        category,
        assignee_group,
        lambda clipped: _figures_cached(str(db.data_dir), db.version, clipped.key, category, assignee_group),
    )


@st.cache_data(max_entries=8, show_spinner=False)
def _check_cached(data_dir: str, version: str) -> list[str]:
    from regie.check import check

    return [v.line() for v in check(data_dir)]


def check_report() -> list[str]:
    """The validator's findings for the data directory, one line each: as stored when the data were
    written (regie/summaries.py), else checked now and cached by data version."""
    from regie.derive import stored_check

    db = database()
    stored = stored_check(db)
    return [v.line() for v in stored] if stored is not None else _check_cached(str(db.data_dir), db.version)


@st.cache_data(max_entries=16, show_spinner=False)
def _spend_years_cached(data_dir: str, version: str, first: date, until: date) -> pd.DataFrame:
    from regie.costs import per_member_year

    years = [y for y in range(first.year, until.year + 1) if Period.parse(str(y)).end <= until]
    by_year = {
        y: published_run("member_counts", {"year": y}).merge(
            published_run("spend_by_member", Period.parse(str(y)).params())
        )
        for y in years
    }
    return per_member_year(by_year)


def spend_per_member_year(first: date, until: date) -> pd.DataFrame:
    """Every member's spend, counts and spend per inhabitant and workstation, for each complete year
    (one cached result: it does not depend on the filters, and ten cached queries cost more to copy)."""
    db = database()
    return _spend_years_cached(str(db.data_dir), db.version, first, until)


@dataclass(frozen=True)
class Filters:
    lang: str
    home: str
    members: tuple[str, ...]
    period: Period
    comparison: str
    names: dict[str, str]
    data_until: date
    coverage: Coverage
    compared: tuple[str, ...] = ()  # the chosen members of the published comparisons (members: of the detail)

    @property
    def comparison_period(self) -> Period:
        """The previous period or the one a year before, cut as far into itself as the period is."""
        return self.period.previous() if self.comparison == "previous" else self.period.year_ago()

    @property
    def has_comparison(self) -> bool:
        """Whether the data cover the comparison period (else its verdicts say "geen eerdere gegevens")."""
        return self.coverage.covers(self.comparison_period)

    def comparison_figures(self, **narrow) -> dict | None:
        """The home member's figures in the comparison period; None when the data do not cover it."""
        return figures_or_none(figures(self.comparison_period, **narrow), self.home)

    @property
    def comparison_label(self) -> str:
        return labels.show(labels.COMPARISON_LABELS, self.comparison, self.lang)


def _from_url(
    key: str, is_valid: Callable[[str], bool], default: Any, ignored: list[str], alias: Callable[[str], Any] = None
) -> Any:
    """The URL's value for `key` when valid, else what `alias` makes of it, else the default."""
    raw = st.query_params.get(key)
    if raw is None:
        return default
    if len(raw) <= MAX_PARAM_LENGTH and is_valid(raw):
        return raw
    named = alias(raw) if alias and len(raw) <= MAX_PARAM_LENGTH else None
    if named is not None:
        return named
    ignored.append(key)
    return default


def _to_url(key: str, value: str, default: str) -> None:
    """Keep the URL canonical: a value only when it differs from the default."""
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def bound_select(
    where,
    label: str,
    options: list[str],
    key: str,
    default: str,
    ignored: list[str],
    format_func: Callable[[str], str] = str,
    radio: bool = False,
    alias: Callable[[str], str | None] | None = None,
) -> str:
    """A selectbox (or radio) whose value lives in the URL under `key`, validated against `options`;
    `alias` names the option a URL value stands for when it is not one itself."""
    if key not in st.session_state or st.session_state[key] not in options:
        st.session_state[key] = _from_url(key, lambda v: v in options, default, ignored, alias)
    widget = where.radio if radio else where.selectbox
    extra = {"horizontal": True} if radio else {}
    widget(label, options, key=key, format_func=format_func, **extra)
    value = st.session_state[key]
    _to_url(key, value, default)
    return value


def bound_text(where, label: str, key: str, ignored: list[str]) -> str:
    """A text input whose value lives in the URL under `key` (empty by default, at most 200 characters)."""
    if key not in st.session_state:
        st.session_state[key] = _from_url(key, lambda v: True, "", ignored)
    where.text_input(label, key=key, max_chars=MAX_PARAM_LENGTH)
    value = st.session_state[key] or ""
    _to_url(key, value, "")
    return value


def period_alias(keys: list[str]) -> Callable[[str], str | None]:
    """The offered key a period's plain name stands for in a link: ?periode=2026-Q4, or a key cut
    where the data ended when the link was made, opens the period as far as the data cover it now."""
    by_name = {key.partition("~")[0]: key for key in keys}
    return lambda raw: by_name.get(raw.strip().partition("~")[0])


def share_link(page_path: str, lang: str) -> None:
    """The 'copy link' control: the full address of this page with its filters (st.code has a copy button)."""
    from urllib.parse import urlencode, urlsplit

    origin = urlsplit(st.context.url or "")
    base = f"{origin.scheme}://{origin.netloc}" if origin.netloc else ""
    query = urlencode(st.query_params.to_dict())
    link = f"{base}/{page_path}" + (f"?{query}" if query else "")
    with st.sidebar.expander(i18n.t("Link to this view", lang)):
        st.code(link, language=None, wrap_lines=True)
        st.caption(
            i18n.t(
                "Copy the link (button top right) for the minutes: whoever opens it sees the same page and filters.",
                lang,
            )
        )


def _bound_multiselect(
    where, label: str, options: list[str], key: str, ignored: list[str], format_func: Callable[[str], str]
) -> list[str]:
    """A multiselect kept in the URL as comma-separated values; all options is the default."""
    if key not in st.session_state:
        st.session_state[key] = _from_url(
            key, lambda v: all(code in options for code in v.split(",")), ",".join(options), ignored
        ).split(",")
    st.session_state[key] = [v for v in st.session_state[key] if v in options]
    where.multiselect(label, options, key=key, format_func=format_func)
    value = st.session_state[key]
    _to_url(key, ",".join(value), ",".join(options))
    return value


def member_names(db: Database) -> dict[str, str]:
    """Every member's code and name, as of the data's latest year."""
    members = run("member_counts", {"year": (data_span(db)[1] - timedelta(days=1)).year})
    return dict(zip(members["municipality_code"], members["name"], strict=True))


def data_span(db: Database) -> tuple[date, date]:
    """First day covered and the first day not covered, from the manifest."""
    return manifest.span(db.manifest)


ROUTED = "_routed"


def mark_routed() -> bool:
    """Called by the router on every run, before the page. True when this run started in Streamlit's
    legacy `pages/` folder mode (the first session of a fresh server): the browser then holds a page
    identity that the router does not know, and the first widget change it sends would be dropped as a
    change of page. The router answers such a run with st.switch_page to the page itself."""
    from streamlit.runtime.pages_manager import PagesManager

    st.session_state[ROUTED] = True
    return bool(PagesManager.uses_pages_directory)


def session_lang() -> str:
    """The language of this session, from the sidebar's switch or the URL (Dutch by default)."""
    lang = st.session_state.get("taal", st.query_params.get("taal", i18n.DEFAULT))
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT


def ensure_routed() -> None:
    """Hand a run that skipped the router back to it (pages call it first; context() does).

    With a `pages/` folder beside the entry script, Streamlit's legacy multipage
    handling runs the first request of a fresh server for a deep link (/overzicht)
    as that page alone, until some run has called st.navigation. The page's URL path
    equals its file name, so after the rerun st.navigation resolves the same page.
    """
    if st.session_state.get(ROUTED):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def context() -> tuple[Database, Filters]:
    """The data and the global filters for a page; stops the page when there are no data."""
    ensure_routed()
    lang = session_lang()
    db = database()
    if not db.has_data():
        st.info(
            i18n.t(
                "There are no data in `{dir}` yet. Create demo data with `make run` or `python -m regie "
                "demo --data-dir {dir}`, or put extracts as described in docs/data-contract.md in this "
                "folder and check them with `python -m regie check --data-dir {dir}`.",
                lang,
                dir=db.data_dir,
            )
        )
        st.stop()
    filters = st.session_state.get("_filters")
    if filters is None:  # the router stopped before the filters (a refusal): it said why
        st.stop()
    absent = not_taking_part(filters)
    if absent:
        st.info(
            i18n.t(
                "Not taking part in {year}: {names} (no municipality_years row). There are no figures for "
                "that year; they count in no average, median or comparison.",
                lang,
                names=", ".join(absent),
                year=filters.period.year,
            )
        )
    return db, filters


def not_taking_part(filters: Filters) -> list[str]:
    """The names of the chosen members (the home member first) without a municipality_years row for
    the period's year: they have no figures then and count in no average or comparison."""
    taking_part = set(run("member_counts", {"year": filters.period.year})["municipality_code"])
    return [filters.names[c] for c in filters.members if c not in taking_part]


def sidebar(db: Database) -> Filters | None:
    """Draw the global filters in the sidebar and keep them in the URL; None without data."""
    ignored: list[str] = []
    side = st.sidebar
    lang = bound_select(
        side,
        "Taal / Language",
        list(i18n.LANGUAGES),
        "taal",
        i18n.DEFAULT,
        ignored,
        format_func={"nl": "Nederlands", "en": "English"}.get,
        radio=True,
    )
    if not db.has_data():
        return None
    first, until = data_span(db)
    names = member_names(db)
    if not names:
        st.sidebar.warning(i18n.t("The data hold no member municipalities.", lang))
        return None
    codes = list(names)
    mine = scope()
    homes = [c for c in codes if mine.may_read(c)]
    if not homes:  # the access file names a member the data do not hold
        st.error(
            i18n.t(
                "Your role names {codes}, but the data hold no such municipality. Ask the administrator "
                "of the access file to correct the code.",
                lang,
                codes=", ".join(mine.members or ()),
            )
        )
        st.stop()
    signin.refuse_outside(mine, [st.query_params.get("gemeente", homes[0])], names, lang)
    wanted = mine.home if mine.home in homes else settings.HOME.get()
    home_default = wanted if wanted in homes else homes[0]
    home = bound_select(
        side, i18n.t("Municipality", lang), homes, "gemeente", home_default, ignored, format_func=names.get
    )
    coverage = Coverage.of(db.manifest)
    periods = [p.key for p in coverage.offered()]
    default_period = last_full("quarter", until).key
    default_period = default_period if default_period in periods else periods[0]
    period = bound_select(
        side,
        i18n.t("Period", lang),
        periods,
        "periode",
        default_period,
        ignored,
        format_func=lambda p: i18n.period_label(Period.from_key(p), lang),
        alias=period_alias(periods),
    )
    comparison = bound_select(
        side,
        i18n.t("Comparison", lang),
        list(COMPARISONS),
        "vergelijk",
        "previous",
        ignored,
        format_func=lambda c: labels.show(labels.COMPARISONS, c, lang),
    )
    others = _bound_multiselect(side, i18n.t("Compare with", lang), codes, "leden", ignored, format_func=names.get)
    side.caption(i18n.t("Data up to {date}", lang, date=i18n.long_date(until - timedelta(days=1), lang)))
    if ignored:
        why = (
            i18n.t(
                "There are data from {first} up to and including {last}.",
                lang,
                first=i18n.long_date(coverage.first, lang),
                last=i18n.long_date(coverage.last_day, lang),
            )
            if "periode" in ignored
            else ""
        )
        side.warning(
            i18n.t("Not applied from the link: {names}. The default was used.", lang, names=", ".join(ignored))
            + (f" {why}" if why else "")
        )
    try:
        chosen = Period.from_key(period)
    except ValueError:  # a PeriodError or a bad date: not for a listed option; keeps the page safe all the same
        chosen = Period.from_key(default_period)
    compared = tuple(dict.fromkeys([home, *others]))
    # The members of the detail: those the scope may read; the others are in the published comparisons only.
    selected = tuple(c for c in compared if mine.may_read(c))
    filters = Filters(lang, home, selected, chosen, comparison, names, until - timedelta(days=1), coverage, compared)
    st.session_state["_filters"] = filters
    return filters


def chart(fig: go.Figure, table: pd.DataFrame, summary: str, key: str, lang: str, selectable: bool = False) -> None:
    """A chart with its one-line summary (also its text alternative) and its data as a table.

    A selectable chart reruns the page on a click; `apply_click` reads the choice.
    """
    options = {"on_select": "rerun", "selection_mode": "points"} if selectable else {}
    st.plotly_chart(fig, key=key, config={"displaylogo": False, "locale": lang}, alt=summary, **options)
    st.caption(summary)
    with st.expander(i18n.t("Show as table", lang)):
        st.dataframe(table_format.styled(table, lang), hide_index=True, key=f"{key}_table")
        st.download_button(
            i18n.t("Download this data (CSV for Excel)", lang),
            data=lambda: exports.frame_export(table_format.labelled(table, lang)),
            file_name=f"{key.removeprefix('chart_')}.csv",
            mime="text/csv",
            on_click=_audit_download,
            args=(key,),
            key=f"{key}_download",
        )


def _audit_download(key: str) -> None:
    filters = st.session_state.get("_filters")
    members = list(filters.members) if filters else None
    audit.record(settings.data_dir(), scope(), "download", f"chart {key.removeprefix('chart_')}", members)


def apply_click(chart_key: str, filter_key: str) -> None:
    """Turn a new click on a bar of `chart_key` into the value of the URL-bound filter `filter_key`.

    Call it before the filter's widget is drawn. Each click applies once, so a later change of
    the filter by hand is not undone by the selection the chart still holds.
    """
    state = st.session_state.get(chart_key)
    points = (state or {}).get("selection", {}).get("points", [])
    if not points:
        return
    point = points[0]
    label = point.get("y") if isinstance(point.get("y"), str) else point.get("x")
    marker = f"_applied_{chart_key}"
    if label is None or st.session_state.get(marker) == label:
        return
    st.session_state[marker] = label
    st.session_state[filter_key] = label


def local_time(stamp: str | None) -> pd.Timestamp | None:
    """An ISO time as the clock in the Netherlands showed it (a time without a zone is taken as it is)."""
    if not stamp:
        return None
    found = pd.Timestamp(stamp)
    return found.tz_convert("Europe/Amsterdam").tz_localize(None) if found.tzinfo else found


def members_heading(period: Period, count: int, lang: str) -> None:
    """The heading of a page's members side by side, and who is compared."""
    st.header(i18n.t("Members side by side, {period}", lang, period=i18n.period_label(period, lang)))
    st.caption(
        i18n.t(
            "{count} members take part in {year} and are compared; a member not taking part that year "
            "does not count, not in the average either.",
            lang,
            count=count,
            year=period.year,
        )
    )


def tile_grid(tiles: list, per_row: int = 4) -> None:
    """KPI tiles: the figure, its change, and the one-sentence verdict under it.

    Row by row, so that a phone (which stacks the columns) and a screen reader read the tiles
    in the same order as the rows on a wide screen.
    """
    for start in range(0, len(tiles), per_row):
        for column, tile in zip(st.columns(per_row), tiles[start : start + per_row], strict=False):
            with column:
                st.metric(
                    tile.label,
                    tile.value,
                    tile.delta,
                    delta_color=tile.delta_color,
                    delta_arrow=tile.delta_arrow,
                    help=tile.help,
                    border=True,
                )
                st.caption(tile.verdict)
