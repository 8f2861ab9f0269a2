"""Every member's headline figures for every period the dashboard offers, computed once when
the data are written and stored in the lake beside the summaries (table `period_figures`).

They are `kpis.member_figures` itself (each query run once for all the periods), for each
complete year, quarter and month and for the period before each and a year before each, so a
page that changes the period reads six rows instead of running a dozen queries. Figures
narrowed to a category or an assignee group, and periods not stored, are computed live. They
are written in the same transaction as the facts, and read only when the code that made them
is this code (regie/summaries.py).
"""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta

import numpy as np
import pandas as pd

from regie.coverage import Coverage
from regie.kpis import UNITS, figures_of_periods
from regie.overview import trend_periods
from regie.periods import Period

DICT_UNITS = ("pct_by_priority", "count_by_age", "eur_by_key")


def periods(body: dict | None) -> list[Period]:
    """The periods stored, each as far as the data cover it: each offered period, the one before
    it, the one a year before, the quarters of its Overzicht trend, and its calendar year (Samen
    doen and the board pack show the year so far). Periods the data do not cover have no figures."""
    coverage = Coverage.of(body)
    shown = ((q, q.previous(), q.year_ago(), *trend_periods(q), Period.parse(str(q.year))) for q in coverage.offered())
    clipped = (coverage.clip(p) for group in shown for p in group)
    return list({p.key: p for p in clipped if p is not None}.values())


def _plain(value):
    """A JSON-ready scalar: numpy numbers as Python numbers; NaN stays NaN (json writes it as NaN)."""
    if value is None:
        return None
    return int(value) if isinstance(value, int | np.integer) else float(value)


def _encode(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    for name in out.columns:
        if UNITS.get(name) in DICT_UNITS:
            out[name] = [json.dumps({k: _plain(v) for k, v in d.items()}) for d in out[name]]
    return out


def _decode(frame: pd.DataFrame) -> pd.DataFrame:
    for name in frame.columns:
        if UNITS.get(name) in DICT_UNITS:
            frame[name] = [json.loads(d) for d in frame[name]]
    return frame.set_index("municipality_code")


TABLE = "period_figures"
# What the stored (not narrowed) figures never read, so a write does not copy it: the tickets
# (they read the summaries) and the response times (read only when narrowed, by
# service_times_by_month). A query that did read one would fail on the copy, not give a figure.
UNREAD = ("tickets", "response_times")


def write(db, window: tuple[date, date] | None) -> int:
    """Compute and store the figures of the stored periods in the lake, inside the write
    transaction of `db` (a writer Database): those that overlap `window` (the months a write
    touched, [from, until); None for none) and those not stored yet; periods no longer offered
    are removed. Returns the number of periods computed. They are computed on a copy of
    the transaction's summaries and small tables, each query once for all the periods
    (kpis.figures_of_periods: a query's fixed cost, not its rows, is what the small tables cost)."""
    chosen = periods(db.manifest)
    names = [p.key for p in chosen]
    stored = {row[0] for row in db.con.execute(f"select period from lake.{TABLE}").fetchall()}
    # A period's figures read its own months and the backlog at its end.
    chosen = [p for p in chosen if p.key not in stored or (window and p.start < window[1] and p.end >= window[0])]
    gone = stored - set(names) | {p.key for p in chosen}
    if chosen:
        hull = (min(p.start for p in chosen), max(p.end for p in chosen) + timedelta(days=1))
        copy = db.scratch(skip=UNREAD, window=hull)
        try:
            computed = figures_of_periods(copy.run_many, chosen)
        finally:
            copy.close()
    else:
        computed = []
    _stored_periods = pd.DataFrame(  # read by name below (a replacement scan writes nothing but the lake)
        {
            "period": [p.key for p in chosen],
            "figures": [json.dumps(_encode(frame).to_dict("records")) for frame in computed],
        },
        columns=["period", "figures"],
    ).astype({"period": object, "figures": object})
    if gone:
        db.con.execute(f"delete from lake.{TABLE} where list_contains($gone, period)", {"gone": sorted(gone)})
    if chosen:
        db.con.execute(f"insert into lake.{TABLE} select period, figures from _stored_periods")
    return len(chosen)


class Stored:
    """The stored figures of one snapshot, read on first use and sliced by period."""

    def __init__(self, db):
        self.db = db
        self._frame: pd.DataFrame | None = None
        self._lock = threading.Lock()

    def _load(self) -> pd.DataFrame:
        with self._lock:
            if self._frame is None:
                self._frame = pd.DataFrame()
                if self.db.summaries_fresh:
                    rows = self.db.sql(f"select period, figures from lake.{TABLE}")
                    # A period without members taking part stores no rows (and so no columns): it is
                    # left out here, so get() gives None and the caller computes its empty frame.
                    records = ((p, json.loads(f)) for p, f in rows.itertuples(index=False))
                    parts = [pd.DataFrame(r).assign(period=p) for p, r in records if r]
                    if parts:
                        self._frame = _decode(pd.concat(parts, ignore_index=True))
            return self._frame

    def get(self, period: Period) -> pd.DataFrame | None:
        """The figures of a period (a fresh copy), or None when they are not stored."""
        frame = self._load()
        if frame.empty:
            return None
        part = frame[frame["period"] == period.key]
        return part.drop(columns="period") if len(part) else None

    def empty(self) -> pd.DataFrame | None:
        """No rows, with the columns of the stored figures (None when none are stored)."""
        frame = self._load()
        return None if frame.empty else frame.iloc[:0].drop(columns="period")
