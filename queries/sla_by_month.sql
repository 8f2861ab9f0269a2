-- SLA compliance per member, month, ticket type and priority, for resolution and response.
-- Grain: one row per member, month, measure ('resolution' or 'response'), type and priority.
-- Parameters: $members (list of codes), $start, $end (first days of months; $end is the
-- first day after the last month), $category and $assignee_group (NULL for all).
-- Resolution counts by the month of resolved_at, response by the month of responded_at,
-- over the tickets with a norm (views/tickets_normed.sql), from the ticket_months summary.
-- target_sum adds the target_pct of each ticket's norm: target_sum / tickets is the
-- ticket-weighted target, which is the norm's own target when one norm applies.
with

scoped as (
    select *
    from ticket_months_in($start, $end, $category, $assignee_group)
    where list_contains($members, municipality_code)
),

resolution as (
    select
        municipality_code,
        month,
        'resolution' as measure,
        ticket_type,
        priority,
        sum(resolved_normed)::bigint as tickets,
        sum(resolution_within)::bigint as within_norm,
        sum(resolution_target_sum) as target_sum
    from scoped
    where resolved_normed > 0
    group by all
),

response as (
    select
        municipality_code,
        month,
        'response' as measure,
        ticket_type,
        priority,
        sum(responded_normed)::bigint as tickets,
        sum(response_within)::bigint as within_norm,
        sum(response_target_sum) as target_sum
    from scoped
    where responded_normed > 0
    group by all
),

final as (
    select * from resolution
    union all
    select * from response
)

select * from final order by municipality_code, month, measure, ticket_type, priority
