-- Open backlog at the end of a period per member.
-- Grain: one row per SSC member.
-- Parameters: $period_end (the first day after the period).
-- A ticket is in the backlog when it was opened before the period's end and not
-- resolved before it.
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

open_tickets as (
    select municipality_code, count(*) as backlog_open
    from tickets
    where opened_at < $period_end and (resolved_at is null or resolved_at >= $period_end)
    group by municipality_code
),

final as (
    select m.municipality_code, coalesce(o.backlog_open, 0) as backlog_open
    from members as m
    left join open_tickets as o on o.municipality_code = m.municipality_code
)

select * from final order by municipality_code
