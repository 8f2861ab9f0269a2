-- Tickets opened and resolved per member and month, and the backlog at each month's end.
-- Grain: one row per member in $members and month from $start up to $end.
-- Parameters: $members (list of codes), $start (a month's first day), $end (first day after
-- the last month), $category and $assignee_group (NULL for all). From the ticket_months summary.
-- Backlog at a month's end: opened before it and not resolved before it, which equals all
-- tickets opened before it minus all resolved before it (a ticket is resolved after it opens).
with

scoped as (
    select municipality_code, month, opened, resolved
    from ticket_months_in(date '0001-01-01', $end, $category, $assignee_group)
    where list_contains($members, municipality_code)
),

months as (
    select cast(unnest(range(cast($start as timestamp), cast($end as timestamp), interval 1 month)) as date) as month
),

grid as (
    select m.month, c.municipality_code
    from months as m
    cross join (select unnest($members) as municipality_code) as c
),

per_month as (
    select municipality_code, month, sum(opened)::bigint as opened, sum(resolved)::bigint as resolved
    from scoped
    where month >= $start
    group by all
),

open_at_start as (
    select municipality_code, (sum(opened) - sum(resolved))::bigint as backlog
    from scoped
    where month < $start
    group by municipality_code
),

final as (
    select
        g.municipality_code,
        g.month,
        coalesce(o.opened, 0) as opened,
        coalesce(o.resolved, 0) as resolved,
        coalesce(s.backlog, 0) + sum(coalesce(o.opened, 0) - coalesce(o.resolved, 0)) over (
            partition by g.municipality_code order by g.month
        ) as backlog_end
    from grid as g
    left join per_month as o on o.municipality_code = g.municipality_code and o.month = g.month
    left join open_at_start as s on s.municipality_code = g.municipality_code
)

select * from final order by municipality_code, month
