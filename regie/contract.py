"""The data contract in code: every canonical table, its columns, types and rules.

The generator, the validator, the DuckDB views and the tests all read this one
declaration; docs/data-contract.md describes it in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

TICKET_TYPES = ("incident", "request", "change")
ROUTES = ("ssc", "collective", "own")
SAVINGS_ROUTES = ("collective", "ssc", "regional")
CHANNELS = ("phone", "portal", "email", "walk_in", "monitoring")
CLOCKS = ("business", "calendar")
DOCUMENT_TYPES = ("invoice", "credit_note")
SAVINGS_KINDS = ("hard_saving", "cost_avoidance")
COST_CATEGORIES = (
    "workplace",
    "licences",
    "hosting",
    "network",
    "telephony",
    "applications",
    "consultancy",
    "ssc_contribution",
    "security",
    "other",
)
SSC_CODE = "SSC"


@dataclass(frozen=True)
class Column:
    """One column: its DuckDB type and the rules every value must meet."""

    name: str
    type: str
    required: bool = True
    allowed: tuple[str, ...] | None = None
    min: float | None = None  # inclusive
    greater_than: float | None = None  # exclusive
    max: float | None = None  # inclusive
    pattern: str | None = None  # regular expression the whole value must match
    ref: tuple[str, str] | None = None  # foreign key (table, column)
    not_before: str | None = None  # another column this one may not precede


@dataclass(frozen=True)
class TableRule:
    """A rule over several rows; `sql` selects one row per violation as (example_key)."""

    name: str
    sql: str


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    date_columns: tuple[str, ...] = ()  # the manifest's date range is taken over these
    reference: bool = False  # reference tables may be CSV
    rules: tuple[TableRule, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


MUNICIPALITY_FK = ("municipalities", "municipality_code")

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "municipalities",
            "one row per member municipality, plus the SSC pseudo-member",
            (
                Column("municipality_code", "VARCHAR", pattern=r"GM[0-9]{4}|SSC"),
                Column("name", "VARCHAR"),
                Column("is_ssc_member", "BOOLEAN"),
            ),
            key=("municipality_code",),
            reference=True,
        ),
        Table(
            "municipality_years",
            "one row per member and year",
            (
                Column("municipality_code", "VARCHAR", ref=MUNICIPALITY_FK),
                Column("year", "SMALLINT", min=1990, max=2100),
                Column("inhabitants", "INTEGER", greater_than=0),
                Column("workstations", "INTEGER", greater_than=0),
                Column("allocation_share", "DECIMAL(7,6)", min=0, max=1),
            ),
            key=("municipality_code", "year"),
            reference=True,
            rules=(
                TableRule(
                    "allocation shares of the members sum to 1 per year",
                    "select cast(y.year as varchar) from municipality_years y "
                    "join municipalities m using (municipality_code) where m.is_ssc_member "
                    "group by y.year having abs(sum(y.allocation_share) - 1) > 0.000001",
                ),
            ),
        ),
        Table(
            "sla_norms",
            "one row per ticket type, priority and valid_from date",
            (
                Column("ticket_type", "VARCHAR", allowed=TICKET_TYPES),
                Column("priority", "TINYINT", min=1, max=4),
                Column("response_minutes", "INTEGER", greater_than=0),
                Column("resolution_minutes", "INTEGER", greater_than=0),
                Column("clock", "VARCHAR", allowed=CLOCKS),
                Column("target_pct", "DECIMAL(5,2)", min=0, max=100),
                Column("valid_from", "DATE"),
            ),
            key=("ticket_type", "priority", "valid_from"),
            reference=True,
        ),
        Table(
            "contracts",
            "one row per contract",
            (
                Column("contract_id", "VARCHAR"),
                Column("supplier_id", "VARCHAR"),
                Column("title", "VARCHAR"),
                Column("route", "VARCHAR", allowed=ROUTES),
                Column("cost_category", "VARCHAR", allowed=COST_CATEGORIES),
                Column("municipality_code", "VARCHAR", required=False, ref=MUNICIPALITY_FK),
                Column("start_date", "DATE"),
                Column("end_date", "DATE", not_before="start_date"),
                Column("ceiling_eur", "DECIMAL(14,2)", required=False, min=0),
            ),
            key=("contract_id",),
            date_columns=("start_date", "end_date"),
            reference=True,
        ),
        Table(
            "budgets",
            "one row per member, year and cost category",
            (
                Column("municipality_code", "VARCHAR", ref=MUNICIPALITY_FK),
                Column("year", "SMALLINT", min=1990, max=2100),
                Column("cost_category", "VARCHAR", allowed=COST_CATEGORIES),
                Column("budget_eur", "DECIMAL(14,2)", min=0),
            ),
            key=("municipality_code", "year", "cost_category"),
            reference=True,
        ),
        Table(
            "tickets",
            "one row per service-desk ticket",
            (
                Column("ticket_id", "VARCHAR"),
                Column("municipality_code", "VARCHAR", ref=MUNICIPALITY_FK),
                Column("ticket_type", "VARCHAR", allowed=TICKET_TYPES),
                Column("priority", "TINYINT", min=1, max=4),
                Column("category", "VARCHAR"),
                Column("subcategory", "VARCHAR", required=False),
                Column("channel", "VARCHAR", allowed=CHANNELS),
                Column("assignee_group", "VARCHAR"),
                Column("supplier_id", "VARCHAR", required=False),
                Column("opened_at", "TIMESTAMP"),
                Column("responded_at", "TIMESTAMP", required=False, not_before="opened_at"),
                Column("resolved_at", "TIMESTAMP", required=False, not_before="opened_at"),
                Column("closed_at", "TIMESTAMP", required=False, not_before="resolved_at"),
                Column("reopen_count", "SMALLINT", min=0),
                Column("is_first_contact_resolution", "BOOLEAN"),
                Column("satisfaction", "TINYINT", required=False, min=1, max=10),
                Column("response_business_minutes", "INTEGER", required=False, min=0),
                Column("resolution_business_minutes", "INTEGER", required=False, min=0),
            ),
            key=("ticket_id",),
            date_columns=("opened_at",),
            rules=(
                TableRule(
                    "response_business_minutes is set exactly when responded_at is",
                    "select ticket_id from tickets where (responded_at is null) <> (response_business_minutes is null)",
                ),
                TableRule(
                    "resolution_business_minutes is set exactly when resolved_at is",
                    "select ticket_id from tickets "
                    "where (resolved_at is null) <> (resolution_business_minutes is null)",
                ),
            ),
        ),
        Table(
            "invoices",
            "one row per invoice line",
            (
                Column("invoice_id", "VARCHAR"),
                Column("line_no", "INTEGER", min=1),
                Column("document_type", "VARCHAR", allowed=DOCUMENT_TYPES),
                Column("supplier_id", "VARCHAR", pattern=r"[0-9]{8}|[0-9A-Za-z]+:.+"),
                Column("supplier_name", "VARCHAR"),
                Column("contract_id", "VARCHAR", required=False, ref=("contracts", "contract_id")),
                Column("municipality_code", "VARCHAR", ref=MUNICIPALITY_FK),
                Column("invoice_date", "DATE"),
                Column("period_start", "DATE", required=False),
                Column("period_end", "DATE", required=False, not_before="period_start"),
                Column("cost_category", "VARCHAR", allowed=COST_CATEGORIES),
                Column("route", "VARCHAR", allowed=ROUTES),
                Column("amount_excl_vat_eur", "DECIMAL(14,2)"),
                Column("vat_eur", "DECIMAL(14,2)"),
            ),
            key=("invoice_id", "line_no"),
            date_columns=("invoice_date",),
            rules=(
                TableRule(
                    "period_start and period_end are both set or both empty",
                    "select invoice_id || '/' || line_no from invoices "
                    "where (period_start is null) <> (period_end is null)",
                ),
            ),
        ),
        Table(
            "savings",
            "one row per initiative, member and year",
            (
                Column("initiative_id", "VARCHAR"),
                Column("initiative", "VARCHAR"),
                Column("route", "VARCHAR", allowed=SAVINGS_ROUTES),
                Column("municipality_code", "VARCHAR", ref=MUNICIPALITY_FK),
                Column("year", "SMALLINT", min=1990, max=2100),
                Column("kind", "VARCHAR", allowed=SAVINGS_KINDS),
                Column("baseline_eur", "DECIMAL(14,2)", min=0),
                Column("contract_eur", "DECIMAL(14,2)", required=False, min=0),
                Column("expected_savings_eur", "DECIMAL(14,2)"),
                Column("realized_savings_eur", "DECIMAL(14,2)", required=False),
                Column("contract_id", "VARCHAR", required=False, ref=("contracts", "contract_id")),
            ),
            key=("initiative_id", "municipality_code", "year"),
        ),
    )
}


def arrow_type(sql_type: str) -> pa.DataType:
    """The Arrow type the generator and fixtures write for a contract type."""
    simple = {
        "VARCHAR": pa.string(),
        "BOOLEAN": pa.bool_(),
        "TINYINT": pa.int8(),
        "SMALLINT": pa.int16(),
        "INTEGER": pa.int32(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
    }
    if sql_type in simple:
        return simple[sql_type]
    precision, scale = sql_type.removeprefix("DECIMAL(").rstrip(")").split(",")
    return pa.decimal128(int(precision), int(scale))


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(c.name, arrow_type(c.type)) for c in TABLES[table].columns])
