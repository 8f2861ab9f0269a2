-- Response and resolution times per member, month and priority over all tickets (not narrowed
-- to a category or group), as service_times_by_month.sql computes them.
-- Grain: one row per member, month, measure and priority; priority NULL is all priorities.
-- Parameters: $chunk_from, $chunk_until: the months built (regie/summaries.py builds one calendar
-- year at a time, since exact quantiles hold every value of the months at once). Built from the
-- resolution_times and response_times summaries, or, while those are stale, from the same SQL over
-- the facts.
with

times as (
    select
        municipality_code,
        cast(date_trunc('month', resolved_at) as date) as month,
        'resolution' as measure,
        priority,
        resolution_business_minutes / 60.0 as hours
    from resolution_times
    where resolved_at >= $chunk_from and resolved_at < $chunk_until
    union all
    select
        municipality_code,
        cast(date_trunc('month', responded_at) as date) as month,
        'response' as measure,
        priority,
        response_business_minutes / 60.0 as hours
    from response_times
    where responded_at >= $chunk_from and responded_at < $chunk_until
),

final as (
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
)

select * from final order by municipality_code, month, measure, priority nulls first
