-- Response and resolution times in service hours per member, month and priority.
-- Grain: one row per member, month, measure and priority; priority NULL is all priorities.
-- Parameters: $members (list of codes), $start, $end (first day after the last month),
-- $category and $assignee_group (NULL for all).
-- Resolution: tickets resolved in the month, from the contract's resolution business
-- minutes; response: tickets responded in the month. Median and P90 by linear interpolation.
-- Not narrowed: read from the service_time_months summary. Narrowed: computed from the
-- resolution_times and response_times summaries (slim, sorted by member and time).
with

times as (
    select
        municipality_code,
        cast(date_trunc('month', resolved_at) as date) as month,
        'resolution' as measure,
        priority,
        resolution_business_minutes / 60.0 as hours
    from resolution_times
    where
        list_contains($members, municipality_code)
        and resolved_at >= $start and resolved_at < $end
        and ($category is not null or $assignee_group is not null)
        and ($category is null or category = $category)
        and ($assignee_group is null or assignee_group = $assignee_group)
    union all
    select
        municipality_code,
        cast(date_trunc('month', responded_at) as date) as month,
        'response' as measure,
        priority,
        response_business_minutes / 60.0 as hours
    from response_times
    where
        list_contains($members, municipality_code)
        and responded_at >= $start and responded_at < $end
        and ($category is not null or $assignee_group is not null)
        and ($category is null or category = $category)
        and ($assignee_group is null or assignee_group = $assignee_group)
),
stored as (
    select *
    from service_time_months
    where
        $category is null and $assignee_group is null
        and list_contains($members, municipality_code)
        and month >= $start and month < $end
),

computed as (
    select
        municipality_code,
        month,
        measure,
        priority,
        count(*) as tickets,
        quantile_cont(hours, 0.5) as hours_median,
        quantile_cont(hours, 0.9) as hours_p90
    from times
    group by grouping sets ((municipality_code, month, measure, priority), (municipality_code, month, measure))
),

final as (
    select * from stored
    union all
    select * from computed
)

select * from final order by municipality_code, month, measure, priority nulls first
