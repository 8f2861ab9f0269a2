-- Tickets with the DVO norm that applies to them, their times on the norm's clock, and
-- whether they met it. A derived view, created over the table views at start-up.
-- Grain: one row per ticket; norm columns are NULL where no norm exists for the ticket's
-- type and priority on the day it was opened.
-- The norm is the sla_norms row for the ticket's type and priority with the latest
-- valid_from on or before the date of opened_at. Business-clock norms use the contract's
-- service-hours minutes, calendar-clock norms the real elapsed minutes. Within the norm
-- means less than or equal.
with

norms as (
    select
        *,
        lead(valid_from) over (partition by ticket_type, priority order by valid_from) as valid_until
    from sla_norms
),

final as (
    select
        t.*,
        n.clock as norm_clock,
        n.response_minutes as response_norm_minutes,
        n.resolution_minutes as resolution_norm_minutes,
        n.target_pct,
        case when n.clock = 'business' then t.response_business_minutes
            else calendar_minutes(t.opened_at, t.responded_at) end as response_clock_minutes,
        case when n.clock = 'business' then t.resolution_business_minutes
            else calendar_minutes(t.opened_at, t.resolved_at) end as resolution_clock_minutes,
        response_clock_minutes <= n.response_minutes as is_response_within,
        resolution_clock_minutes <= n.resolution_minutes as is_resolution_within
    from tickets as t
    left join norms as n
        on n.ticket_type = t.ticket_type
        and n.priority = t.priority
        and cast(t.opened_at as date) >= n.valid_from
        and (n.valid_until is null or cast(t.opened_at as date) < n.valid_until)
)

select * from final
