-- SLA score per member: the share of tickets within their DVO norm.
-- Grain: one row per SSC member.
-- Parameters: $period_start, $period_end (first day after the period); $category and
-- $assignee_group narrow the tickets (NULL for all).
-- Resolution: tickets resolved in the period; response: tickets responded in the period.
-- Norms and clocks as in views/tickets_normed.sql; tickets without a norm are left out.
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

normed as (
    select
        municipality_code,
        resolved_at >= $period_start and resolved_at < $period_end as is_resolved_in_period,
        responded_at >= $period_start and responded_at < $period_end as is_responded_in_period,
        is_resolution_within,
        is_response_within
    from tickets_normed
    where
        norm_clock is not null
        and (
            (resolved_at >= $period_start and resolved_at < $period_end)
            or (responded_at >= $period_start and responded_at < $period_end)
        )
        and ($category is null or category = $category)
        and ($assignee_group is null or assignee_group = $assignee_group)
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
