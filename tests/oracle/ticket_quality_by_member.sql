-- Satisfaction, first-contact resolution, reopen rate and service times per member.
-- Grain: one row per SSC member.
-- Parameters: $period_start, $period_end (first day after the period); $category and
-- $assignee_group narrow the tickets (NULL for all).
-- All over the tickets resolved in the period. Satisfaction: mean rapportcijfer of the
-- answered surveys and the share of 7 or more (a mean over fewer than 30 responses is
-- hidden by the caller). Reopen rate: resolved tickets with reopen_count > 0. Times in
-- service hours from the contract's business-minute columns, median and P90 by linear
-- interpolation (quantile_cont).
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

resolved as (
    select *
    from tickets
    where
        resolved_at >= $period_start and resolved_at < $period_end
        and ($category is null or category = $category)
        and ($assignee_group is null or assignee_group = $assignee_group)
),

per_member as (
    select
        municipality_code,
        count(*) as resolved_tickets,
        count(satisfaction) as satisfaction_responses,
        avg(satisfaction) as satisfaction_mean_all,
        100.0 * count_if(satisfaction >= 7) / nullif(count(satisfaction), 0) as satisfaction_7plus_pct,
        100.0 * count_if(is_first_contact_resolution) / count(*) as first_contact_resolution_pct,
        100.0 * count_if(reopen_count > 0) / count(*) as reopen_pct,
        quantile_cont(resolution_business_minutes, 0.5) / 60 as resolution_hours_median,
        quantile_cont(resolution_business_minutes, 0.9) / 60 as resolution_hours_p90,
        quantile_cont(response_business_minutes, 0.5) / 60 as response_hours_median,
        quantile_cont(response_business_minutes, 0.9) / 60 as response_hours_p90
    from resolved
    group by municipality_code
),

final as (
    select
        m.municipality_code,
        coalesce(p.resolved_tickets, 0) as resolved_tickets,
        coalesce(p.satisfaction_responses, 0) as satisfaction_responses,
        p.satisfaction_mean_all,
        p.satisfaction_7plus_pct,
        p.first_contact_resolution_pct,
        p.reopen_pct,
        p.resolution_hours_median,
        p.resolution_hours_p90,
        p.response_hours_median,
        p.response_hours_p90
    from members as m
    left join per_member as p on p.municipality_code = m.municipality_code
)

select * from final order by municipality_code
