"""The words for the data's codes, one table a vocabulary: each code to its message (English, as
extracted into the catalogs), shown in the language by `show`."""

from __future__ import annotations

from regie import i18n
from regie.i18n import N_, NN_, NP_


def show(table: dict, code, lang: str, **values) -> str:
    """The code's word (or message) in the language; a code the table does not know is shown as it is."""
    message = table.get(code)
    return str(code) if message is None else i18n.show(message, lang, **values)


# Cost categories (cost_category)
CATEGORIES = {
    "workplace": N_("workplace"),
    "licences": N_("licences"),
    "hosting": N_("hosting and cloud"),
    "network": N_("network and connectivity"),
    "telephony": N_("telephony"),
    "applications": N_("applications"),
    "consultancy": N_("consultancy and hiring"),
    "ssc_contribution": N_("SSC contribution"),
    "security": N_("information security"),
    "other": N_("other"),
}

# Purchasing routes (route)
ROUTES = {
    "ssc": N_("SSC"),
    "collective": N_("collective"),
    "own": N_("own purchasing"),
    "regional": N_("regional"),
}

# Bars of so many months
BUCKETS = {
    1: N_("month"),
    3: N_("quarter"),
    12: N_("year"),
}

# What the spend is broken down by
BREAKDOWNS = {
    "cost_category": N_("cost category"),
    "route": N_("route"),
}

# Keys that spread the SSC's bill
COST_KEYS = {
    "agreed": N_("Agreed key"),
    "inhabitants": N_("By inhabitants"),
    "workstations": N_("By workstations"),
    "tickets": N_("By ticket volume"),
}

# A norm's clock
CLOCKS = {
    "business": N_("business hours"),
    "calendar": N_("24x7"),
}

# What a DVO norm measures
MEASURES = {
    "resolution": N_("Resolution"),
    "response": N_("Response"),
}

# The what-if chart of each measure
MEASURE_CHARTS = {
    "resolution": N_("Resolved within the norm"),
    "response": N_("Responded within the norm"),
}

# The data's tables and the derived ones
TABLES = {
    "municipalities": N_("Municipalities"),
    "municipality_years": N_("Members per year"),
    "sla_norms": N_("DVO norms"),
    "contracts": N_("Contracts"),
    "budgets": N_("Budgets"),
    "tickets": N_("Tickets"),
    "invoices": N_("Invoice lines"),
    "savings": N_("Savings"),
    "sla_by_month": N_("SLA by month, type and priority"),
    "ticket_flow_by_month": N_("Flow and backlog by month"),
    "service_times_by_month": N_("Service times by month and priority"),
    "breaches_by": N_("Breaches by category"),
    "spend_cells": N_("Spend by member, cost category and route"),
    "budget_vs_actual": N_("Budget against actual"),
    "cost_key_alternatives": N_("Cost keys"),
    "supplier_scorecard": N_("Suppliers"),
    "contract_status": N_("Contracts and ceilings"),
    "savings_check": N_("Savings checked against invoices"),
    "policy_exceptions": N_("Exceptions to the policy"),
}

# Filter operators on Gegevens
OPERATORS = {
    "=": N_("equals"),
    "contains": N_("contains"),
    ">=": N_("is at least"),
    "<=": N_("is at most"),
}

# Download formats
DOWNLOADS = {
    "csv_nl": N_("CSV for Dutch Excel"),
    "csv": N_("CSV (plain)"),
    "xlsx": N_("Excel (XLSX)"),
    "parquet": N_("Parquet"),
    "chart": N_("Download this data (CSV for Excel)"),
}

# The audit log's columns
AUDIT_COLUMNS = {
    "time": N_("Time"),
    "subject": N_("Account (subject)"),
    "role": N_("Role"),
    "action": N_("Action"),
    "what": N_("What"),
    "members": NP_("audit_col_members", "Members"),
}

# Roles (regie/access.py)
ROLES = {
    "bestuur": N_("board"),
    "lid": N_("member"),
    "analist": N_("analyst"),
    "beheer": N_("administration"),
    "demo": N_("demo"),
}

# The comparison periods, in the sidebar
COMPARISONS = {
    "previous": N_("Previous period"),
    "year_ago": N_("Same period last year"),
}

# The comparison periods, in a sentence
COMPARISON_LABELS = {
    "previous": N_("the previous period"),
    "year_ago": N_("the same period last year"),
}

# Page titles
PAGES = {
    "overzicht": N_("Overview"),
    "dienstverlening": N_("Service quality"),
    "kosten": N_("Costs"),
    "leveranciers": N_("Suppliers and contracts"),
    "samen": N_("Together"),
    "gegevens": N_("Data"),
    "vergadering": N_("Board meeting"),
    "beheer": N_("Administration"),
    "herijking": N_("DVO what-if"),
}

# Kinds of saving
SAVING_KINDS = {
    "hard_saving": N_("hard saving"),
    "cost_avoidance": N_("cost avoidance"),
}

# Definition cards, per KPI
DEFINITIONS = {
    "sla_resolution_pct": N_(
        "Of the tickets resolved in the period: the share resolved within the DVO norm for their "
        "type and priority (the norm valid on the day the ticket was opened; 'within' is less "
        "than or equal). Business-clock norms count service hours (Mon-Fri 08:00-17:00, public "
        "holidays excluded), calendar-clock norms the real elapsed minutes. Tickets without a "
        "norm are left out."
    ),
    "sla_response_pct": N_(
        "As the resolution SLA score, over the tickets first responded to in the period and the response norm."
    ),
    "satisfaction_mean": N_(
        "Mean mark (1-10) of the tickets resolved in the period that were rated. With fewer than "
        "30 responses no mean is shown: it would say too little."
    ),
    "backlog_open": N_(
        "Tickets opened before the end of the period and not resolved by then. When the period "
        "runs past the last day of the data, those still open at the end of that day."
    ),
    "spend_per_inhabitant_eur": N_(
        "IT spend excluding VAT, credit notes netted, divided by the year's inhabitants. An "
        "invoice line with a service period counts pro rata by the days in the period; the SSC's "
        "own costs are spread by that year's cost key."
    ),
    "budget_used_pct": N_(
        "IT spend as a percentage of the budget; a year's budget is prorated by days for a "
        "quarter or month, and for a period still running over the days the data cover only."
    ),
    "realized_savings_eur": N_(
        "Realised savings of joint initiatives, prorated by the days in the period; only years "
        "whose realisation is known."
    ),
    "collective_share_pct": N_("Spend through collective (VNG) and SSC routes as a share of all IT spend."),
    "resolution_hours_median": N_(
        "Middle resolution time in service hours (Mon-Fri 08:00-17:00) of the tickets resolved in "
        "the period; half were faster."
    ),
    "resolution_hours_p90": N_(
        "Resolution time in service hours within which 90% of the tickets resolved in the period "
        "were done (linear interpolation)."
    ),
    "backlog_past_norm": N_(
        "Tickets open at the end of the period whose time since opening, on their norm's clock, "
        "already exceeds the resolution norm."
    ),
    "first_contact_resolution_pct": N_(
        "Share of the tickets resolved in the period that were resolved at first contact."
    ),
    "reopen_pct": N_("Share of the tickets resolved in the period that were reopened at least once."),
    "month_target": N_(
        "A month is green when its score is at or above the target. A month's target is the mean "
        "target of the norms that applied to its tickets (with one norm: that norm's target)."
    ),
    "spend_eur": N_("IT spend excluding VAT, credit notes netted, including the share of the SSC's costs."),
    "spend_per_workstation_eur": N_("IT spend divided by the year's number of ICT workstations."),
    "expected_savings_eur": N_("Expected savings of joint initiatives, prorated by the days in the period."),
    "realization_pct": N_(
        "Realised savings divided by expected savings, only over initiative-years whose realisation is known."
    ),
    "policy_exception_spend_eur": N_(
        "Own purchasing in a cost category for which a collective or SSC contract runs that day "
        "for this member (or for all members)."
    ),
    "points": N_(
        "Points for discussion follow from fixed rules: months under the DVO target; the three "
        "categories with the most breaches; cost categories forecast over budget; running "
        "contracts past 80% of their ceiling or ending within 12 months; initiatives that "
        "realised less than 90% of the expected saving; and the largest own purchase where a "
        "collective or SSC contract exists. At most five points per rule, largest first."
    ),
}

# Figures (KPI names, regie/kpis.py)
KPIS = {
    "sla_resolution_pct": N_("SLA score resolution"),
    "sla_response_pct": N_("SLA score response"),
    "satisfaction_mean": N_("Satisfaction"),
    "satisfaction_responses": N_("Responses"),
    "backlog_open": N_("Open tickets"),
    "spend_eur": N_("IT spend"),
    "spend_per_inhabitant_eur": N_("IT spend per inhabitant"),
    "spend_per_workstation_eur": N_("IT spend per workstation"),
    "budget_eur": N_("Budget"),
    "budget_used_pct": N_("Spend against budget"),
    "realized_savings_eur": N_("Realised savings"),
    "expected_savings_eur": N_("Expected savings"),
    "realization_pct": N_("Realisation rate"),
    "policy_exception_spend_eur": N_("Exceptions to the policy"),
    "collective_share_pct": N_("Collective share"),
    "resolution_hours_median": N_("Median resolution time"),
    "resolution_hours_p90": N_("Resolution time P90"),
    "backlog_past_norm": N_("Open and past norm"),
    "first_contact_resolution_pct": N_("First-contact resolution"),
    "reopen_pct": N_("Reopened"),
    "tickets_per_100_workstations": N_("Tickets per 100 workstations"),
}

# Ticket types (tickets.ticket_type)
TICKET_TYPES = {
    "incident": N_("Incident"),
    "request": N_("Request"),
    "change": N_("Change"),
}

# What breaches are counted by
DIMENSIONS = {
    "category": N_("Category"),
    "assignee_group": N_("Assignee group"),
}

# What an import or the data check refuses, per rule (regie/check.py, regie/importing)
RULES = {
    "rule_file_not_found": N_("file not found"),
    "rule_unsupported_type": N_("unsupported file type; use {supported}"),
    "rule_file_empty": N_("file is empty"),
    "rule_not_valid_file": N_("not a valid {kind} file"),
    "rule_not_text_file": N_("not a {kind} text file"),
    "rule_header_cell_empty": N_("header cell is empty"),
    "rule_header_twice": N_("column name occurs twice in the header"),
    "rule_no_rows": N_("file has a header but no data rows"),
    "rule_first_line_header": N_("the first line must be the header"),
    "rule_field_count": N_("row has {found} fields, the header has {expected}"),
    "rule_truncated": N_("file is truncated or malformed: {detail}"),
    "rule_encoding": N_(
        "byte {byte} at position {position} is neither UTF-8 nor Windows-1252 text (set encoding in the mapping)"
    ),
    "rule_xlsx_unreadable": N_("not a readable XLSX workbook ({detail})"),
    "rule_no_sheet": N_("no sheet of that name; found {sheets}"),
    "rule_sheet_empty": N_("the sheet is empty"),
    "rule_parquet_unreadable": N_("not a readable Parquet file ({detail})"),
    "rule_parquet_empty": N_("file has no rows"),
    "rule_mapping_not_found": N_("mapping not found; shipped mappings: {names}"),
    "rule_mapping_toml": N_("mapping is not valid TOML: {detail}"),
    "rule_mapping_setting": N_("unknown setting in the mapping"),
    "rule_mapping_kind": N_("this mapping is for {kind}, not {wanted}"),
    "rule_mapping_column": N_("not a column of {kind}"),
    "rule_column_missing_mapped": N_("column missing (the mapping takes {target} from it)"),
    "rule_column_missing": N_("column missing (required by the contract)"),
    "rule_latest_missing": N_("column missing (the event log's latest column)"),
    "rule_personal_column": N_("personal data or free text may not be imported (as {target})"),
    "rule_latest_format": N_("the event log's latest column is not a timestamp in the format {format}"),
    "rule_key_repeated": N_("key occurs more than once in the import (first in {first})"),
    "rule_not_date_hint": N_(
        "not a valid date in the format {format}; the format {would} reads these values (put it "
        "in the mapping as date_format under [source] or as the column's format)"
    ),
    "rule_not_timestamp_hint": N_(
        "not a valid timestamp in the format {format}; the format {would} reads these values (put "
        "it in the mapping as timestamp_format under [source] or as the column's format)"
    ),
    "rule_latest_format_hint": N_(
        "the event log's latest column is not a timestamp in the format {format}; the format "
        "{would} reads these values (put it in the mapping as format under [event_log])"
    ),
    "rule_mapping_format": N_('a format is a strptime format or a list of them, such as "%d-%m-%Y %H:%M"'),
    "rule_not_date": N_("not a valid date in the format {format}"),
    "rule_not_timestamp": N_("not a valid timestamp in the format {format}"),
    "rule_not_amount": N_("not an amount with at most {scale} decimals"),
    "rule_not_type": N_("value is not a valid {type}"),
    "rule_required": N_("required value is missing"),
    "rule_allowed": N_("value must be one of {allowed}"),
    "rule_min": N_("value must be at least {limit}"),
    "rule_greater": N_("value must be greater than {limit}"),
    "rule_max": N_("value must be at most {limit}"),
    "rule_pattern": N_("value must match {pattern}"),
    "rule_not_before": N_("must not be before {other}"),
    "rule_unknown_ref": N_("unknown value: not in {target}"),
    "rule_value_map": N_(
        "value of source column {source} is not in the value map of {target} (values under "
        "[columns.{target}] in mapping {mapping}); add it there. The map knows: {known}"
    ),
    "rule_email": N_("looks like an e-mail address: personal data is not stored"),
    "rule_phone": N_("looks like a phone number: personal data is not stored"),
    "rule_free_text": N_("longer than {limit} characters: free text is not stored"),
    "rule_not_number": N_("not a number"),
    "rule_xml_dtd": N_("XML with a DTD or entity declarations is refused for safety ({detail})"),
    "rule_xml_malformed": N_("not well-formed XML: {detail}"),
    "rule_not_ubl": N_("not a UBL Invoice or CreditNote"),
    "rule_no_lines": N_("the document has no lines"),
    "rule_lines_total": N_(
        "the lines and document allowances/charges add up to {total}, not to the TaxExclusiveAmount"
    ),
    "rule_vat_category": N_("no line has this VAT category"),
    "rule_currency": N_(
        "amounts are not in EUR and the document has no VAT total in EUR (tax currency) to convert them"
    ),
    "rule_xml_invoices_only": N_("XML (UBL) is only read for invoices"),
    "rule_unknown_kind": N_("unknown kind; use one of {kinds}"),
    "rule_no_files": N_("no files to import; a folder gives its files of these types: {types}"),
    "rule_not_a_lake": N_("the data directory is not a lake; turn old extracts into one with python -m regie migrate"),
    "rule_busy": N_("another import into this directory is running"),
    "rule_contract": N_("{text}"),
    "rule_too_large": N_("file is larger than {limit} MB"),
    "rule_json_unreadable": N_("not readable JSON: {detail}"),
    "rule_json_shape": N_("JSON must be a list of objects (as GET /tas/api/incidents returns)"),
}

# What an import notes beside its summary (regie/importing)
NOTES = {
    "note_defaults": NN_(
        "1 row read without {column} took the default '{value}'",
        "{rows} rows read without {column} took the default '{value}'",
    ),
    "note_skipped": N_("skipped, not of a type that is imported ({types}): {files}"),
    "note_converted": N_("{file}: converted from {currency} at {rate}, the rate its EUR VAT total implies"),
    "note_contract_unknown": N_(
        "{file}: contract reference '{reference}' is not in contracts; imported without a contract"
    ),
    "note_supplier_id": NN_(
        "supplier {supplier} has no 8-digit KvK number; identified as {id} (1 document, {file})",
        "supplier {supplier} has no 8-digit KvK number; identified as {id} ({documents} documents, first {file})",
    ),
    "note_set_aside": N_(
        "{file}: set aside: invoice {invoice} ({date}) is also in {kept}, which counts (the "
        "latest issue date, then the later file name)"
    ),
    "note_replace": N_("--replace: the {rows} rows that were there are replaced by this import"),
}

# Points for discussion (regie/discussion.py)
POINTS = {
    "point_months_under": N_("{name} fell short of the DVO resolution target ({target}) in {months}."),
    "point_breaches": N_("Most resolution breaches in {period}: {list}."),
    "point_budget": N_("{name}: {category} is forecast at {forecast}, {over} over its budget of {budget}."),
    "point_ceiling": N_(
        "Contract '{title}' has used {pct} of its ceiling of {ceiling}; at this rate the ceiling is reached on {date}."
    ),
    "point_ceiling_nodate": N_("Contract '{title}' has used {pct} of its ceiling of {ceiling}."),
    "point_ending": N_("Contract '{title}' ends on {date}; its successor must be arranged in time."),
    "point_savings": N_("{initiative} ({name}): {realised} of the expected {expected} realised ({pct})."),
    "point_exception": N_(
        "{name} bought {category} for {amount} from {supplier} on its own in {period}, while a "
        "collective or SSC contract exists."
    ),
    "point_more": N_("And {count} more of this kind; see {page}."),
}


# A store the app cannot read (regie/lake.py)
STORE_DAMAGED = {
    "store_damaged_catalog": N_(
        "The catalog {catalog} cannot be read. Restore it from a backup (docs/deployment.md, "
        "Backups); the data files in {files} are untouched."
    ),
    "store_damaged_file": N_(
        "A data file of {folder} cannot be read. Restore it from a backup, or return to the state "
        "before the last write with `python -m regie undo`."
    ),
    "store_damaged_detail": N_("Technical message: {detail}"),
}

# Why a DVO proposal cannot be used (regie/norm_proposal.py)
PROPOSAL_ERRORS = {
    "form": N_(
        "'{part}' is not a norm. A norm is the type (i incident, r request, c change) and "
        "priority (1-4), response and resolution in minutes, the clock (b business hours, c 24x7) "
        "and the target in %, with dashes, e.g. i3-240-1620-b-90; more norms with _ between them"
    ),
    "unknown": N_("'{part}': no norm for {type} priority {priority} is in force"),
    "twice": N_("'{part}': {type} priority {priority} is proposed twice"),
    "minutes": N_("{type} priority {priority}: the {measure} norm must be more than 0 and at most {most} minutes"),
    "clock": N_("{type} priority {priority}: the clock must be business or calendar"),
    "target": N_("{type} priority {priority}: the target must be more than 0% and at most 100%, in hundredths"),
    "missing": N_("{type} priority {priority}: every value must be a number, with a comma or point for the decimals"),
    "period": N_("the period (dvo_periode) is missing or outside the data"),
}
