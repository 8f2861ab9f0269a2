"""The usual alternative the benchmark compares with: the Overzicht tiles computed in pandas
after `pandas.read_parquet` of the tables, the way a typical Streamlit app does it (the
frames read once and kept, every filter change computed from them).

Vectorised, for every member at once (the page needs the member average too), and
following product.md's rules; the SSC's costs are spread by the allocation share without
the cent-exact largest remainder, so spend may differ from the dashboard's by a cent.
`run.py` checks that both give the same figures (regie.overview.TILES) before it compares
their speed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from regie import lake

TABLES = ("municipalities", "municipality_years", "sla_norms", "tickets", "invoices", "budgets", "savings")


def load(data_dir: Path) -> dict[str, pd.DataFrame]:
    frames = {}
    for name in TABLES:
        frames[name] = pq.read_table(lake.files(Path(data_dir), name), partitioning=None).to_pandas()
    return frames


def real_minutes(a: pd.Series, b: pd.Series) -> pd.Series:
    """Real elapsed minutes between two Europe/Amsterdam wall-clock columns."""
    zone = "Europe/Amsterdam"
    # As docs/data-contract.md reads them: a repeated autumn time as its second pass (standard time), a
    # missing spring time with the offset before the change (02:30 is 03:30 summer time).
    a = a.dt.tz_localize(zone, ambiguous=False, nonexistent=pd.Timedelta(hours=1))
    b = b.dt.tz_localize(zone, ambiguous=False, nonexistent=pd.Timedelta(hours=1))
    return np.floor((b - a).dt.total_seconds() / 60)


def _sla(tickets: pd.DataFrame, norms: pd.DataFrame, end_column: str, lo, hi) -> pd.Series:
    kind = end_column.removesuffix("ed_at").replace("resolv", "resolution").replace("respond", "response")
    rows = tickets[(tickets[end_column] >= lo) & (tickets[end_column] < hi)].copy()
    rows["opened_day"] = rows["opened_at"].dt.normalize().astype("datetime64[us]")
    normed = pd.merge_asof(
        rows.sort_values("opened_day"),
        norms,
        left_on="opened_day",
        right_on="valid_from",
        by=["ticket_type", "priority"],
        direction="backward",
    ).dropna(subset=["clock"])
    business = normed[f"{kind}_business_minutes"].astype("float64")
    minutes = business.where(normed["clock"] == "business", real_minutes(normed["opened_at"], normed[end_column]))
    within = minutes <= normed[f"{kind}_minutes"]
    return 100.0 * within.groupby(normed["municipality_code"]).mean()


def _spend(invoices: pd.DataFrame, years: pd.DataFrame, lo, hi, year: int) -> pd.DataFrame:
    first = pd.to_datetime(invoices["period_start"].fillna(invoices["invoice_date"]))
    last = pd.to_datetime(invoices["period_end"].fillna(invoices["invoice_date"]))
    overlap = (np.minimum(last + pd.Timedelta(days=1), hi) - np.maximum(first, lo)).dt.days.clip(lower=0)
    amount = invoices["amount_excl_vat_eur"].astype("float64") * overlap / ((last - first).dt.days + 1)
    lines = invoices.assign(amount=amount)[overlap > 0]
    own = lines[lines["municipality_code"] != "SSC"].pivot_table(
        index="municipality_code", columns="route", values="amount", aggfunc="sum", fill_value=0.0
    )
    shares = years[years["year"] == year].set_index("municipality_code")["allocation_share"].astype("float64")
    ssc_total = lines.loc[lines["municipality_code"] == "SSC", "amount"].sum()
    spend = own.reindex(shares.index, fill_value=0.0)
    spend["ssc"] = spend.get("ssc", 0.0) + ssc_total * shares / shares.sum()
    return spend


def overzicht(frames: dict[str, pd.DataFrame], start: date, end: date) -> pd.DataFrame:
    """The eight Overzicht tiles of every SSC member for the period [start, end)."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    members = frames["municipalities"]
    codes = members.loc[members["is_ssc_member"], "municipality_code"].tolist()
    tickets = frames["tickets"]
    norms = (
        frames["sla_norms"]
        .assign(valid_from=lambda n: pd.to_datetime(n["valid_from"]).astype("datetime64[us]"))
        .sort_values("valid_from")
    )
    result = pd.DataFrame(index=pd.Index(codes, name="municipality_code"))
    result["sla_resolution_pct"] = _sla(tickets, norms, "resolved_at", lo, hi)
    result["sla_response_pct"] = _sla(tickets, norms, "responded_at", lo, hi)
    resolved = tickets[(tickets["resolved_at"] >= lo) & (tickets["resolved_at"] < hi)]
    marks = resolved.groupby("municipality_code")["satisfaction"].agg(["mean", "count"])
    result["satisfaction_mean"] = marks["mean"].where(marks["count"] >= 30)
    is_open = (tickets["opened_at"] < hi) & (tickets["resolved_at"].isna() | (tickets["resolved_at"] >= hi))
    result["backlog_open"] = tickets[is_open].groupby("municipality_code").size()
    result["backlog_open"] = result["backlog_open"].fillna(0)
    years = frames["municipality_years"]
    spend = _spend(frames["invoices"], years, lo, hi, start.year).reindex(codes, fill_value=0.0)
    total = spend.sum(axis=1)
    counts = years[years["year"] == start.year].set_index("municipality_code")
    result["spend_per_inhabitant_eur"] = total / counts["inhabitants"]
    fraction = (end - start).days / (date(start.year + 1, 1, 1) - date(start.year, 1, 1)).days
    budgets = frames["budgets"]
    budget = budgets[budgets["year"] == start.year].groupby("municipality_code")["budget_eur"].sum().astype("float64")
    result["budget_used_pct"] = 100.0 * total / (budget * fraction)
    savings = frames["savings"]
    realised = savings[(savings["year"] == start.year) & savings["realized_savings_eur"].notna()]
    result["realized_savings_eur"] = (
        realised.groupby("municipality_code")["realized_savings_eur"].sum().astype("float64") * fraction
    )
    together = spend.get("collective", 0.0) + spend.get("ssc", 0.0)
    result["collective_share_pct"] = 100.0 * together / total
    return result
