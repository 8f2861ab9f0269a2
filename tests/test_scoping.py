"""A session's scope is enforced below the pages: every query and dataset, asked for every member,
gives under a member's scope exactly what it gives on data that hold only that member's rows."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from regie import access, datasets
from regie.db import Database
from regie.periods import Period
from regie.scoping import MEMBER_ROWS, scoped
from regie.sqlfiles import query_names, query_parameters, query_text
from tests import world
from tests.helpers import write_fixture

A, B = world.A, world.B
# Every member asked for, as a tampered link would (leden=, gemeente=); the world's first quarter.
ASKED = {
    "period_start": date(2025, 1, 1), "period_end": date(2025, 4, 1), "start": date(2025, 1, 1),
    "end": date(2025, 4, 1), "year": 2025, "on_date": date(2025, 2, 1), "members": [A, B], "home": B,
    "category": None, "assignee_group": None, "dimension": "category", "months": 3, "until": date(2025, 4, 1),
    "first": date(2024, 1, 1), "previous_start": date(2024, 10, 1), "previous_end": date(2025, 1, 1),
    "proposal": [{"ticket_type": "incident", "priority": 2, "response_minutes": 30, "resolution_minutes": 180,
                  "clock": "business", "target_pct": 90}],
    "norms": [{"ticket_type": "incident", "priority": 2, "clock": "business", "target_pct": 90}],
}  # fmt: skip


def only_a(rows: list[dict], table: str) -> list[dict]:
    """The rows a scope of A may read, by the rule of each member table (the SSC's invoices are everyone's)."""
    keep = {"invoices": (A, "SSC"), "contracts": (A, None)}.get(table, (A,))
    return [r for r in rows if table not in MEMBER_ROWS or r.get("municipality_code") in keep]


@pytest.fixture(scope="module")
def lakes(tmp_path_factory):
    root = tmp_path_factory.mktemp("scoping")
    every = Database(write_fixture(root / "every", **world.TABLES))
    mine = Database(write_fixture(root / "mine", **{t: only_a(rows, t) for t, rows in world.TABLES.items()}))
    yield scoped(every, (A,)), mine
    every.close()
    mine.close()


def same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True), check_dtype=False)


@pytest.mark.parametrize("name", [n for n in query_names() if n not in access.PUBLISHED])
def test_every_query_sees_only_the_scope_s_rows(lakes, name):
    narrowed, mine = lakes
    params = {p: ASKED[p] for p in query_parameters(query_text(name))}
    # Equal to the query on data without B's rows: nothing of B's reaches it (a query whose grain is
    # every SSC member still lists B, with what A's rows alone give it: nothing).
    same(narrowed.run(name, params), mine.run(name, params))


def test_the_published_comparisons_are_few_and_named():
    assert sorted(access.PUBLISHED) == ["cost_key_alternatives", "member_counts", "sla_target", "spend_by_member"]


@pytest.mark.parametrize("name", datasets.NAMES)
def test_every_dataset_sees_only_the_scope_s_rows(lakes, name):
    narrowed, mine = lakes
    sql, params = datasets.base(name, datasets.Scope((A, B), Period.from_key("2025-Q1"), date(2025, 4, 1)))
    same(narrowed.sql(sql, params), mine.sql(sql, params))


def test_the_scope_holds_rows_to_show(lakes):
    """Not a proof by emptiness: the scope reads A's tickets and invoices and the SSC's."""
    narrowed, _ = lakes
    tickets = narrowed.sql("select distinct municipality_code from tickets order by 1")["municipality_code"]
    invoices = narrowed.sql("select distinct municipality_code from invoices order by 1")["municipality_code"]
    assert (list(tickets), list(invoices)) == ([A], [A, "SSC"])
    cursor = narrowed.con  # the connection a download uses is scoped too
    assert cursor.execute("select count(distinct municipality_code) from tickets").fetchone() == (1,)


def test_a_query_run_for_many_parameter_sets_is_narrowed_too(lakes):
    narrowed, mine = lakes
    base = {p: ASKED[p] for p in query_parameters(query_text("sla_score_by_member"))}
    many = [{**base, "period_start": date(2025, 1, 1)}, {**base, "period_start": date(2025, 2, 1)}]
    same(narrowed.run_many("sla_score_by_member", many), mine.run_many("sla_score_by_member", many))
