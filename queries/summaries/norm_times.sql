-- The service times of every ticket with a DVO norm, for the DVO what-if (dvo_whatif.sql,
-- dvo_norm_evidence.sql): each ticket once for its resolution (in the month of resolved_at) and
-- once for its response (in the month of responded_at).
-- Grain: one row per ticket and measure ('resolution', 'response') with the event in the month.
-- Sorted by type, priority, measure, member and month, so that a proposal for one type and
-- priority reads only its row groups (Parquet min/max statistics).
-- Parameters: $chunk_from, $chunk_until: the months built, the event's time in [from, until).
-- The time on both clocks (a proposed norm may change the clock) and the norm that applied as
-- views/tickets_normed.sql finds it: its target and whether the ticket met it (a ticket without a
-- time is not within). Tickets without a norm are left out, as the SLA score leaves them out.
with

times as (
    select
        ticket_type, priority, 'resolution' as measure, municipality_code,
        cast(date_trunc('month', resolved_at) as date) as month, category, assignee_group, target_pct,
        coalesce(is_resolution_within, false) as is_within,
        resolution_business_minutes as business_minutes,
        calendar_minutes(opened_at, resolved_at) as calendar_minutes
    from tickets_normed
    where resolved_at >= $chunk_from and resolved_at < $chunk_until and norm_clock is not null
    union all
    select
        ticket_type, priority, 'response' as measure, municipality_code,
        cast(date_trunc('month', responded_at) as date) as month, category, assignee_group, target_pct,
        coalesce(is_response_within, false) as is_within,
        response_business_minutes as business_minutes,
        calendar_minutes(opened_at, responded_at) as calendar_minutes
    from tickets_normed
    where responded_at >= $chunk_from and responded_at < $chunk_until and norm_clock is not null
)

select * from times
order by all  -- every column, so that the same facts give the same bytes
