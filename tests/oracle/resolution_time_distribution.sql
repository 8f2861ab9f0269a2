-- How long resolution took, in bands of service hours, for the tickets resolved in a period.
-- Grain: one row per band that holds tickets (a service day is 9 hours at default hours).
-- Parameters: $members (list of codes), $period_start, $period_end, $category and
-- $assignee_group (NULL for all).
-- Bands: [0, 1), [1, 4), [4, 9), [9, 18), [18, 45), [45, 90) and 90 or more service hours.
with

resolved as (
    select resolution_business_minutes / 60.0 as hours
    from tickets
    where
        list_contains($members, municipality_code)
        and resolved_at >= $period_start and resolved_at < $period_end
        and ($category is null or category = $category)
        and ($assignee_group is null or assignee_group = $assignee_group)
),

banded as (
    select
        case
            when hours < 1 then 0 when hours < 4 then 1 when hours < 9 then 2 when hours < 18 then 3
            when hours < 45 then 4 when hours < 90 then 5 else 6
        end as band
    from resolved
),

final as (
    select
        band,
        [0, 1, 4, 9, 18, 45, 90][band + 1] as hours_from,
        [1, 4, 9, 18, 45, 90, null][band + 1] as hours_to,
        count(*) as tickets,
        100.0 * count(*) / sum(count(*)) over () as share_pct
    from banded
    group by band
)

select * from final order by band
