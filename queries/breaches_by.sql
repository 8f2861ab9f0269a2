-- Where resolution breaches happen: per category or per assignee group.
-- Grain: one row per category (or assignee group) with tickets resolved in the period.
-- Parameters: $dimension ('category' or 'assignee_group'), $members (list of codes),
-- $period_start, $period_end, $category and $assignee_group (NULL for all).
-- A breach is a ticket resolved in the period outside its resolution norm; tickets
-- without a norm are left out. Share: of all breaches in the result.
-- Counted from the ticket_months summary.
with

resolved as (
    select
        case when $dimension = 'category' then category else assignee_group end as name,
        resolved_normed,
        resolution_breaches
    from ticket_months_in($period_start, $period_end, $category, $assignee_group)
    where list_contains($members, municipality_code) and resolved_normed > 0
),

per_name as (
    select name, sum(resolved_normed)::bigint as resolved_tickets, sum(resolution_breaches)::bigint as breaches
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
