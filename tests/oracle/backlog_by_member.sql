-- Open backlog at the end of a period per member, by age, with the tickets past their norm.
-- Grain: one row per SSC member.
-- Parameters: $period_end (the first day after the period); $category and $assignee_group
-- narrow the tickets (NULL for all).
-- In the backlog: opened before the period's end and not resolved before it. Age: days
-- from the date of opened_at to the period's end date; bands 0-7, 8-30, 31-90, over 90.
-- Past its norm: the time from opened_at to the period's end on the norm's clock
-- (service-hours minutes or real minutes) exceeds the resolution norm.
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

open_tickets as (
    select
        municipality_code,
        date_diff('day', cast(opened_at as date), $period_end) as age_days,
        case
            when norm_clock = 'business' then business_minutes(opened_at, $period_end)
            when norm_clock = 'calendar' then calendar_minutes(opened_at, $period_end)
        end > resolution_norm_minutes as is_past_norm
    from tickets_normed
    where
        opened_at < $period_end
        and (resolved_at is null or resolved_at >= $period_end)
        and ($category is null or category = $category)
        and ($assignee_group is null or assignee_group = $assignee_group)
),

per_member as (
    select
        municipality_code,
        count(*) as backlog_open,
        count_if(age_days <= 7) as age_0_7,
        count_if(age_days between 8 and 30) as age_8_30,
        count_if(age_days between 31 and 90) as age_31_90,
        count_if(age_days > 90) as age_90_plus,
        count_if(is_past_norm) as backlog_past_norm
    from open_tickets
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
