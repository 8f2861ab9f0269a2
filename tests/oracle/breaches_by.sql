-- Where resolution breaches happen: per category or per assignee group.
-- Grain: one row per category (or assignee group) with tickets resolved in the period.
-- Parameters: $dimension ('category' or 'assignee_group'), $members (list of codes),
-- $period_start, $period_end, $category and $assignee_group (NULL for all).
-- A breach is a ticket resolved in the period outside its resolution norm; tickets
-- without a norm are left out. Share: of all breaches in the result.
with

resolved as (
    select
        case when $dimension = 'category' then category else assignee_group end as name,
        is_resolution_within
    from tickets_normed
    where
        list_contains($members, municipality_code)
        and norm_clock is not null
        and resolved_at >= $period_start and resolved_at < $period_end
        and ($category is null or category = $category)
        and ($assignee_group is null or assignee_group = $assignee_group)
),

per_name as (
    select name, count(*) as resolved_tickets, count_if(not is_resolution_within) as breaches
    from resolved
    group by name
),

final as (
    select
        name,
        resolved_tickets,
        breaches,
        100.0 * breaches / resolved_tickets as breach_rate_pct,
        100.0 * breaches / nullif(sum(breaches) over (), 0) as share_of_breaches_pct
    from per_name
)

select * from final order by breaches desc, name
