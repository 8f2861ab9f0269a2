-- Satisfaction, first-contact resolution, reopen rate and service times per member.
-- Grain: one row per SSC member.
-- Parameters: $period_start, $period_end (first day after the period); $category and
-- $assignee_group narrow the tickets (NULL for all).
-- All over the tickets resolved in the period. Satisfaction: mean rapportcijfer of the
-- answered surveys and the share of 7 or more (a mean over fewer than 30 responses is
-- hidden by the caller). Reopen rate: resolved tickets with reopen_count > 0. Times in
-- service hours from the contract's business-minute columns, median and P90 by linear
-- interpolation (quantile_cont). Counts from the ticket_months summary, times from the
-- resolution_times summary (quantiles need the values).
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

counts as (
    select
        municipality_code,
        sum(resolved)::bigint as resolved_tickets,
        sum(satisfaction_responses)::bigint as satisfaction_responses,
        sum(satisfaction_sum)::bigint / nullif(sum(satisfaction_responses)::bigint, 0) as satisfaction_mean_all,
        100.0 * sum(satisfaction_7plus)::bigint / nullif(sum(satisfaction_responses)::bigint, 0)
            as satisfaction_7plus_pct,
        100.0 * sum(first_contact)::bigint / sum(resolved)::bigint as first_contact_resolution_pct,
        100.0 * sum(reopened)::bigint / sum(resolved)::bigint as reopen_pct
    from ticket_months_in($period_start, $period_end, $category, $assignee_group)
    where resolved > 0
    group by municipality_code
),

times as (
    select
        municipality_code,
        quantile_cont(resolution_business_minutes, 0.5) / 60 as resolution_hours_median,
        quantile_cont(resolution_business_minutes, 0.9) / 60 as resolution_hours_p90,
        quantile_cont(response_business_minutes, 0.5) / 60 as response_hours_median,
        quantile_cont(response_business_minutes, 0.9) / 60 as response_hours_p90
    from resolution_times
    where
        resolved_at >= $period_start and resolved_at < $period_end
        and ($category is null or category = $category)
        and ($assignee_group is null or assignee_group = $assignee_group)
    group by municipality_code
),

final as (
    select
        m.municipality_code,
        coalesce(c.resolved_tickets, 0) as resolved_tickets,
        coalesce(c.satisfaction_responses, 0) as satisfaction_responses,
        c.satisfaction_mean_all,
        c.satisfaction_7plus_pct,
        c.first_contact_resolution_pct,
        c.reopen_pct,
        t.resolution_hours_median,
        t.resolution_hours_p90,
        t.response_hours_median,
        t.response_hours_p90
    from members as m
    left join counts as c on c.municipality_code = m.municipality_code
    left join times as t on t.municipality_code = m.municipality_code
)

select * from final order by municipality_code
