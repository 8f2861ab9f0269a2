-- SLA compliance per member, month, ticket type and priority, for resolution and response.
-- Grain: one row per member, month, measure ('resolution' or 'response'), type and priority.
-- Parameters: $members (list of codes), $start, $end (first day after the last month),
-- $category and $assignee_group (NULL for all).
-- Resolution counts by the month of resolved_at, response by the month of responded_at.
-- target_sum adds the target_pct of each ticket's norm: target_sum / tickets is the
-- ticket-weighted target, which is the norm's own target when one norm applies.
with

scoped as (
    select *
    from tickets_normed
    where
        list_contains($members, municipality_code)
        and norm_clock is not null
        and ($category is null or category = $category)
        and ($assignee_group is null or assignee_group = $assignee_group)
),

resolution as (
    select
        municipality_code,
        cast(date_trunc('month', resolved_at) as date) as month,
        'resolution' as measure,
        ticket_type,
        priority,
        count(*) as tickets,
        count_if(is_resolution_within) as within_norm,
        sum(target_pct) as target_sum
    from scoped
    where resolved_at >= $start and resolved_at < $end
    group by all
),

response as (
    select
        municipality_code,
        cast(date_trunc('month', responded_at) as date) as month,
        'response' as measure,
        ticket_type,
        priority,
        count(*) as tickets,
        count_if(is_response_within) as within_norm,
        sum(target_pct) as target_sum
    from scoped
    where responded_at >= $start and responded_at < $end
    group by all
),

final as (
    select * from resolution
    union all
    select * from response
)

select * from final order by municipality_code, month, measure, ticket_type, priority
