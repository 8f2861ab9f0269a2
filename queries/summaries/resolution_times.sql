-- The service times of every resolved ticket, slim and sorted, for the medians and P90s
-- (exact quantiles need the values themselves, not counts).
-- Grain: one row per ticket with resolved_at. Sorted by member and resolved_at, so a query
-- for some members and a period reads only their row groups (Parquet min/max statistics).
-- Parameters: $chunk_from, $chunk_until: the times built, resolved_at in [from, until).
select
    municipality_code, resolved_at, ticket_type, priority, category, assignee_group,
    resolution_business_minutes, response_business_minutes
from tickets
where resolved_at >= $chunk_from and resolved_at < $chunk_until
order by all  -- every column, so that the same facts give the same bytes
