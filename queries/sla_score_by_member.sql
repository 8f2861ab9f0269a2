-- SLA score per member: the share of tickets within their DVO norm.
-- Grain: one row per SSC member.
-- Parameters: $period_start (first day), $period_end (first day after the period).
-- Resolution: tickets resolved in the period; response: tickets responded in the period.
-- The norm is the sla_norms row for the ticket's type and priority with the latest
-- valid_from on or before the date the ticket was opened; tickets without such a norm
-- are left out. Business-clock norms compare the service-hours minutes, calendar-clock
-- norms the real elapsed minutes. Within the norm means less than or equal.
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

norms as (
    select
        *,
        lead(valid_from) over (partition by ticket_type, priority order by valid_from) as valid_until
    from sla_norms
),

tickets_in_scope as (
    select *
    from tickets
    where
        (resolved_at >= $period_start and resolved_at < $period_end)
        or (responded_at >= $period_start and responded_at < $period_end)
),

normed as (
    select
        t.municipality_code,
        t.resolved_at >= $period_start and t.resolved_at < $period_end as is_resolved_in_period,
        t.responded_at >= $period_start and t.responded_at < $period_end as is_responded_in_period,
        case when n.clock = 'business' then t.resolution_business_minutes
            else calendar_minutes(t.opened_at, t.resolved_at) end <= n.resolution_minutes as is_resolution_within,
        case when n.clock = 'business' then t.response_business_minutes
            else calendar_minutes(t.opened_at, t.responded_at) end <= n.response_minutes as is_response_within
    from tickets_in_scope as t
    inner join norms as n
        on n.ticket_type = t.ticket_type
        and n.priority = t.priority
        and cast(t.opened_at as date) >= n.valid_from
        and (n.valid_until is null or cast(t.opened_at as date) < n.valid_until)
),

per_member as (
    select
        municipality_code,
        count_if(is_resolved_in_period) as resolved_tickets,
        count_if(is_resolved_in_period and is_resolution_within) as resolved_within_norm,
        count_if(is_responded_in_period) as responded_tickets,
        count_if(is_responded_in_period and is_response_within) as responded_within_norm
    from normed
    group by municipality_code
),

final as (
    select
        m.municipality_code,
        coalesce(p.resolved_tickets, 0) as resolved_tickets,
        coalesce(p.resolved_within_norm, 0) as resolved_within_norm,
        100.0 * p.resolved_within_norm / nullif(p.resolved_tickets, 0) as sla_resolution_pct,
        coalesce(p.responded_tickets, 0) as responded_tickets,
        coalesce(p.responded_within_norm, 0) as responded_within_norm,
        100.0 * p.responded_within_norm / nullif(p.responded_tickets, 0) as sla_response_pct
    from members as m
    left join per_member as p on p.municipality_code = m.municipality_code
)

select * from final order by municipality_code
