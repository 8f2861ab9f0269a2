-- Tickets opened and resolved per member and month, and the backlog at each month's end.
-- Grain: one row per member in $members and month from $start up to $end.
-- Parameters: $members (list of codes), $start (a month's first day), $end (first day after
-- the last month), $category and $assignee_group (NULL for all).
-- Backlog at a month's end: opened before it and not resolved before it, which equals all
-- tickets opened before it minus all resolved before it (a ticket is resolved after it opens).
with

scoped as (
    select municipality_code, opened_at, resolved_at
    from tickets
    where
        list_contains($members, municipality_code)
        and ($category is null or category = $category)
        and ($assignee_group is null or assignee_group = $assignee_group)
),

months as (
    select cast(unnest(range(cast($start as timestamp), cast($end as timestamp), interval 1 month)) as date) as month
),

grid as (
    select m.month, c.municipality_code
    from months as m
    cross join (select unnest($members) as municipality_code) as c
),

opened as (
    select municipality_code, cast(date_trunc('month', opened_at) as date) as month, count(*) as opened
    from scoped
    where opened_at >= $start and opened_at < $end
    group by all
),

resolved as (
    select municipality_code, cast(date_trunc('month', resolved_at) as date) as month, count(*) as resolved
    from scoped
    where resolved_at >= $start and resolved_at < $end
    group by all
),

open_at_start as (
    select
        municipality_code,
        count_if(opened_at < $start) - count_if(resolved_at < $start) as backlog
    from scoped
    group by municipality_code
),

final as (
    select
        g.municipality_code,
        g.month,
        coalesce(o.opened, 0) as opened,
        coalesce(r.resolved, 0) as resolved,
        coalesce(s.backlog, 0) + sum(coalesce(o.opened, 0) - coalesce(r.resolved, 0)) over (
            partition by g.municipality_code order by g.month
        ) as backlog_end
    from grid as g
    left join opened as o on o.municipality_code = g.municipality_code and o.month = g.month
    left join resolved as r on r.municipality_code = g.municipality_code and r.month = g.month
    left join open_at_start as s on s.municipality_code = g.municipality_code
)

select * from final order by municipality_code, month
