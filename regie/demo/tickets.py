"""Demo tickets, generated month by month so that memory stays flat at any size.

Each month draws from its own seeded stream, so the output depends only on the
seed, the size and the dates. Durations are drawn on the clock of the ticket's
norm (met with a given probability, else breached), turned into timestamps with
the service-hours calendar, and the derived business-minute columns are then
computed from those timestamps like an importer would.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import numpy as np
import pyarrow as pa

from regie.calendar import ServiceCalendar
from regie.demo import world
from regie.periods import month_starts
from regie.tables_io import to_table

TYPES = np.array(["incident", "request", "change"], dtype=object)
TYPE_P = (0.60, 0.35, 0.05)
PRIORITY_P = {  # per ticket type, P1..P4
    0: (0.02, 0.13, 0.55, 0.30),
    1: (0.00, 0.05, 0.40, 0.55),
    2: (0.01, 0.10, 0.50, 0.39),
}
CHANNELS = np.array(["phone", "portal", "email", "walk_in", "monitoring"], dtype=object)
CHANNEL_P = (0.34, 0.41, 0.15, 0.05, 0.05)
SEASON = (1.12, 1.04, 1.02, 0.98, 0.97, 0.96, 0.80, 0.84, 1.06, 1.05, 1.04, 0.92)


def monthly_counts(total: int, months: list[date], workstations: dict[int, float]) -> np.ndarray:
    """Spread `total` tickets over the months by workstations and season (largest remainder)."""
    weights = np.array([workstations[m.year] * SEASON[m.month - 1] for m in months])
    exact = total * weights / weights.sum()
    counts = np.floor(exact).astype("int64")
    short = total - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:short]] += 1
    return counts


def _norm_table(first_year: int) -> tuple[dict, date]:
    change_date = date(first_year + 3, 7, 1)
    norms = {(t, p): (r, s, c == "calendar") for t, p, r, s, c, _ in world.SLA_NORMS}
    return norms, change_date


def _durations(rng, norm: np.ndarray, p_meet: np.ndarray) -> np.ndarray:
    """Whole minutes: within the norm with probability p_meet, else beyond it."""
    meets = rng.random(norm.size) < p_meet
    within = np.clip(np.ceil(norm * rng.beta(1.6, 3.2, norm.size)), 1, norm)
    beyond = norm + np.ceil(norm * np.exp(rng.normal(-1.0, 0.9, norm.size)))
    return np.where(meets, within, beyond).astype("int64")


def generate_month(
    seed: int,
    index: int,
    month: date,
    count: int,
    until: date,
    shares: np.ndarray,
    calendar: ServiceCalendar,
    first_year: int,
) -> pa.Table:
    """The tickets opened in one month."""
    rng = np.random.default_rng([seed, 1, index])
    n = count
    member = rng.choice(len(world.MEMBERS), n, p=shares)
    ttype = rng.choice(3, n, p=TYPE_P)
    cum = np.cumsum(np.array([PRIORITY_P[t] for t in range(3)]), axis=1)[ttype]
    priority = (rng.random(n)[:, None] > cum[:, :3]).sum(axis=1) + 1
    cat_p = np.array([c[4] for c in world.TICKET_CATEGORIES])
    category = rng.choice(len(cat_p), n, p=cat_p / cat_p.sum())
    sub_counts = np.array([len(c[1]) for c in world.TICKET_CATEGORIES])
    sub_index = (rng.random(n) * sub_counts[category]).astype("int64")
    channel = rng.choice(len(CHANNELS), n, p=CHANNEL_P)
    monitored = np.isin(category, (2, 4))  # Netwerk and Hosting raise monitoring alerts
    channel = np.where((channel == 4) & ~monitored, 1, channel)

    # Opened: mostly on business days within service hours, some at any time.
    end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    days = np.arange(np.datetime64(month), np.datetime64(min(end, until)), dtype="datetime64[D]")
    business = days[[calendar.is_business_day(d) for d in days.astype(object)]]
    if business.size == 0:
        business = days
    any_time = (rng.random(n) < 0.06) | (channel == 4)
    day = np.where(any_time, days[rng.integers(0, days.size, n)], business[rng.integers(0, business.size, n)])
    minute = np.where(any_time, rng.integers(0, 1440, n), 480 + np.floor(rng.beta(1.8, 2.6, n) * 540))
    opened = day.astype("datetime64[s]") + (minute.astype("int64") * 60).astype("timedelta64[s]")
    order = np.argsort(opened, kind="stable")
    member, ttype, priority, category, sub_index, channel, opened = (
        a[order] for a in (member, ttype, priority, category, sub_index, channel, opened)
    )

    # Norms of the day the ticket was opened; the DVO revision tightens P2 incidents.
    norms, change_date = _norm_table(first_year)
    resp_norm = np.empty(n, dtype="int64")
    res_norm = np.empty(n, dtype="int64")
    calendar_clock = np.zeros(n, dtype=bool)
    for t in range(3):
        for p in range(1, 5):
            mask = (ttype == t) & (priority == p)
            r, s, c = norms[(TYPES[t], p)]
            resp_norm[mask], res_norm[mask], calendar_clock[mask] = r, s, c
    revised = (ttype == 0) & (priority == 2) & (opened >= np.datetime64(change_date))
    res_norm[revised] = world.NORM_CHANGE[3]

    # Quality: a workplace migration in Q2 of the fourth year pulls the scores under target.
    migration = month.year == first_year + 3 and month.month in (4, 5, 6)
    escalated = (ttype == 0) & (rng.random(n) < 0.08)
    p_res = np.where(escalated, 0.84, 0.938) - (0.16 if migration else 0.0) - (0.02 if month.month in (7, 8) else 0)
    p_resp = np.where(escalated, 0.90, 0.955) - (0.10 if migration else 0.0)
    response_min = _durations(rng, resp_norm, p_resp)
    resolution_min = _durations(rng, res_norm, p_res)
    first_contact = np.isin(channel, (0, 3)) & (ttype < 2) & (priority >= 3) & (rng.random(n) < 0.45)
    quick = rng.integers(2, 16, n)
    response_min = np.where(first_contact, quick, response_min)
    resolution_min = np.where(first_contact, quick, resolution_min)
    stuck = rng.random(n) < 0.002  # the odd ticket that waits weeks for a part or a decision
    resolution_min = np.where(stuck, resolution_min + rng.integers(20, 200, n) * 1440, resolution_min)

    def clock_end(minutes: np.ndarray) -> np.ndarray:
        on_business = calendar.add_business_seconds(opened, minutes * 60)
        on_calendar = opened + (minutes * 60).astype("timedelta64[s]")
        return np.where(calendar_clock & ~stuck, on_calendar, on_business)

    resolved = clock_end(resolution_min)
    responded = np.minimum(clock_end(response_min), resolved)
    closed = resolved + (rng.integers(1, 6, n) * 1440 + rng.integers(0, 600, n)).astype("timedelta64[m]")

    cutoff = np.datetime64(until).astype("datetime64[s]")
    nat = np.datetime64("NaT", "s")
    responded = np.where(responded < cutoff, responded, nat)
    is_open = resolved >= cutoff
    resolved = np.where(is_open, nat, resolved)
    closed = np.where(~is_open & (closed < cutoff), closed, nat)

    breached = resolution_min > res_norm
    reopen = np.where(rng.random(n) < 0.04, 1, 0) + np.where(rng.random(n) < 0.005, 1, 0)
    answered = ~is_open & (rng.random(n) < 0.27)
    mark = np.round(rng.normal(7.6, 1.2, n) - 1.3 * breached - (0.7 if migration else 0.0))
    satisfaction = np.where(answered, np.clip(mark, 1, 10), np.nan)

    supplier_keys = np.array([c[3] for c in world.TICKET_CATEGORIES], dtype=object)[category]
    supplier_ids = np.array([world.SUPPLIERS[k].supplier_id for k in supplier_keys], dtype=object)
    categories = np.array([c[0] for c in world.TICKET_CATEGORIES], dtype=object)
    groups = np.array([c[2] for c in world.TICKET_CATEGORIES], dtype=object)
    subs = np.array([c[1][min(i, len(c[1]) - 1)] for c in world.TICKET_CATEGORIES for i in range(4)], dtype=object)
    codes = np.array([m.code for m in world.MEMBERS], dtype=object)
    prefix = f"I{month.year % 100:02d}{month.month:02d} "
    ticket_ids = np.array([f"{prefix}{i:06d}" for i in range(1, n + 1)], dtype=object)

    response_bm = calendar.business_minutes(opened, responded)
    resolution_bm = calendar.business_minutes(opened, resolved)
    return to_table(
        "tickets",
        {
            "ticket_id": ticket_ids,
            "municipality_code": codes[member],
            "ticket_type": TYPES[ttype],
            "priority": priority.astype("int8"),
            "category": categories[category],
            "subcategory": subs[category * 4 + sub_index],
            "channel": CHANNELS[channel],
            "assignee_group": np.where(first_contact, "Servicedesk", groups[category]),
            "supplier_id": np.where(escalated, supplier_ids, None),
            "opened_at": opened.astype("datetime64[us]"),
            "responded_at": responded.astype("datetime64[us]"),
            "resolved_at": resolved.astype("datetime64[us]"),
            "closed_at": closed.astype("datetime64[us]"),
            "reopen_count": np.where(is_open, 0, reopen).astype("int16"),
            "is_first_contact_resolution": first_contact,
            "satisfaction": satisfaction,
            "response_business_minutes": response_bm,
            "resolution_business_minutes": resolution_bm,
        },
    )


def generate(
    seed: int,
    total: int,
    first: date,
    until: date,
    shares_by_year: dict[int, np.ndarray],
    workstations: dict[int, float],
) -> Iterator[tuple[int, pa.Table]]:
    """Yield (year, tickets of one month) from `first` up to, not including, `until`."""
    calendar = ServiceCalendar(first_year=first.year, last_year=until.year + 2)
    months = month_starts(first, until)
    counts = monthly_counts(total, months, workstations)
    for index, (month, count) in enumerate(zip(months, counts, strict=True)):
        if count:
            yield (
                month.year,
                generate_month(seed, index, month, int(count), until, shares_by_year[month.year], calendar, first.year),
            )
