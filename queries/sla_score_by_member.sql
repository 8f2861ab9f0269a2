-- SLA score per member: the share of tickets within their DVO norm.
-- Grain: one row per SSC member.
-- Parameters: $period_start, $period_end (first day after the period); $category and
-- $assignee_group narrow the tickets (NULL for all).
-- Resolution: tickets resolved in the period; response: tickets responded in the period.
-- Norms and clocks as in views/tickets_normed.sql; tickets without a norm are left out.
-- Counted from the ticket_months summary.
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

per_member as (
    select
        municipality_code,
        sum(resolved_normed)::bigint as resolved_tickets,
        sum(resolution_within)::bigint as resolved_within_norm,
        sum(responded_normed)::bigint as responded_tickets,
        sum(response_within)::bigint as responded_within_norm
    from ticket_months_in($period_start, $period_end, $category, $assignee_group)
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
