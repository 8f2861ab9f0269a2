-- Open backlog at the end of a period per member, by age, with the tickets past their norm.
-- Grain: one row per SSC member.
-- Parameters: $period_end (the first day after the period: a month's first day, or the data's end); $category
-- and $assignee_group narrow the tickets (NULL for all).
-- In the backlog: opened before the period's end and not resolved before it. Age: days
-- from the date of opened_at to the period's end date; bands 0-7, 8-30, 31-90, over 90.
-- Past its norm: the time from opened_at to the period's end on the norm's clock
-- (service-hours minutes or real minutes) exceeds the resolution norm. Read from the
-- backlog_months summary (queries/summaries/backlog_months.sql), which counts this at
-- every month's start.
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

per_member as (
    select
        municipality_code,
        sum(backlog_open)::bigint as backlog_open,
        sum(age_0_7)::bigint as age_0_7,
        sum(age_8_30)::bigint as age_8_30,
        sum(age_31_90)::bigint as age_31_90,
        sum(age_90_plus)::bigint as age_90_plus,
        sum(backlog_past_norm)::bigint as backlog_past_norm
    from backlog_months
    where
        period_end = $period_end
        and ($category is null or category = $category)
        and ($assignee_group is null or assignee_group = $assignee_group)
    group by municipality_code
),

final as (
    select
        m.municipality_code,
        coalesce(p.backlog_open, 0) as backlog_open,
        coalesce(p.age_0_7, 0) as age_0_7,
        coalesce(p.age_8_30, 0) as age_8_30,
        coalesce(p.age_31_90, 0) as age_31_90,
        coalesce(p.age_90_plus, 0) as age_90_plus,
        coalesce(p.backlog_past_norm, 0) as backlog_past_norm
    from members as m
    left join per_member as p on p.municipality_code = m.municipality_code
)

select * from final order by municipality_code
