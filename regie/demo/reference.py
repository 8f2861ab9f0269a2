"""Demo reference tables: members, their yearly counts and cost key, and the DVO norms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

from regie.contract import SSC_CODE
from regie.demo import world
from regie.tables_io import decimal_from_cents, to_table

SHARE_UNIT = 1_000_000  # allocation_share has six decimals


@dataclass(frozen=True)
class Years:
    """Per member (rows) and year (columns): inhabitants, workstations, cost-key shares."""

    years: list[int]
    inhabitants: np.ndarray
    workstations: np.ndarray
    shares: np.ndarray  # in millionths; each column sums to exactly SHARE_UNIT


def member_years(seed: int, years: list[int]) -> Years:
    rng = np.random.default_rng([seed, 2])
    ratio = rng.uniform(0.92, 1.10, len(world.MEMBERS))  # workstations per 100 inhabitants
    offset = np.array(years) - years[0]
    inhabitants = np.array([np.round(m.inhabitants * (1 + m.growth) ** offset) for m in world.MEMBERS]).astype("int64")
    workstations = np.round(inhabitants / 100 * ratio[:, None] * (1 + 0.01 * offset)).astype("int64")
    # The agreed key: half by inhabitants, half by workstations, in millionths, summing to one.
    exact = 0.5 * inhabitants / inhabitants.sum(0) + 0.5 * workstations / workstations.sum(0)
    shares = np.round(exact * SHARE_UNIT).astype("int64")
    shares[np.argmax(shares[:, 0])] += SHARE_UNIT - shares.sum(0)
    return Years(years, inhabitants, workstations, shares)


def municipalities() -> pa.Table:
    codes = [m.code for m in world.MEMBERS] + [SSC_CODE]
    names = [m.name for m in world.MEMBERS] + [world.SSC_NAME]
    return to_table(
        "municipalities",
        {"municipality_code": codes, "name": names, "is_ssc_member": [True] * len(world.MEMBERS) + [False]},
    )


def municipality_years(data: Years) -> pa.Table:
    members, years = len(world.MEMBERS), len(data.years)
    shares = decimal_from_cents(data.shares.reshape(-1), 7, 6)
    return to_table(
        "municipality_years",
        {
            "municipality_code": np.repeat([m.code for m in world.MEMBERS], years),
            "year": np.tile(data.years, members).astype("int16"),
            "inhabitants": data.inhabitants.reshape(-1).astype("int32"),
            "workstations": data.workstations.reshape(-1).astype("int32"),
            "allocation_share": shares,
        },
    )


def sla_norms(first_year: int) -> pa.Table:
    first = date(first_year - 2, 1, 1)
    rows = [(*norm, first) for norm in world.SLA_NORMS] + [(*world.NORM_CHANGE, date(first_year + 3, 7, 1))]
    columns = list(zip(*rows, strict=True))
    return to_table(
        "sla_norms",
        {
            "ticket_type": columns[0],
            "priority": np.array(columns[1], dtype="int8"),
            "response_minutes": np.array(columns[2], dtype="int32"),
            "resolution_minutes": np.array(columns[3], dtype="int32"),
            "clock": columns[4],
            "target_pct": decimal_from_cents(np.array(columns[5]) * 100, 5, 2),
            "valid_from": columns[6],
        },
    )
