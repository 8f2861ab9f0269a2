-- The response time of every responded ticket, slim and sorted, for the medians and P90s
-- of the tickets responded in a month.
-- Grain: one row per ticket with responded_at. Sorted by member and responded_at, so a
-- query for some members and a period reads only their row groups.
-- Parameters: $chunk_from, $chunk_until: the times built, responded_at in [from, until).
select
    municipality_code, responded_at, ticket_type, priority, category, assignee_group, response_business_minutes
from tickets
where responded_at >= $chunk_from and responded_at < $chunk_until
order by all  -- every column, so that the same facts give the same bytes
