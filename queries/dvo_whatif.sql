-- DVO what-if: the SLA scores of the tickets of a period under the norms that applied and under
-- a proposal, and the tickets that change side.
-- Grain: one row per `grain` and its key, the other key columns NULL:
--   'member'   municipality_code, measure
--   'month'    municipality_code, measure, month
--   'norm'     measure, ticket_type, priority (the chosen members together)
--   'category' municipality_code, measure, category (only where tickets change side)
--   'group'    municipality_code, measure, assignee_group (the same)
-- Parameters: $members (list of codes), $start, $end (first days of months: the period, and the
-- first day after); $proposal: the proposed norms, a list of {ticket_type, priority,
-- response_minutes, resolution_minutes, clock, target_pct} (types and priorities not in it keep
-- their norms).
-- Today: the SLA score's own rules and counts (sla_score_by_member.sql, from the ticket_months
-- summary): tickets resolved (responded) in the period, each with the norm valid on the day it was
-- opened, on that norm's clock, within meaning less than or equal; tickets without a norm left out,
-- a ticket without a time never within. Proposal: the same tickets; those of a proposed type and
-- priority judged by the proposed norm on its clock (whatever norm applied to them), read one by one
-- from the norm_times summary, and counted as a change to today's counts,
-- so that a change reads only the tickets it touches and no proposal gives exactly today's scores.
with

proposal as (
    select * from proposed_norms($proposal)
),

today as (
    select
        municipality_code, month, measure, ticket_type, priority, category, assignee_group,
        sum(tickets) as tickets, sum(within) as within_today, sum(within) as within_proposed,
        sum(target_sum) as target_sum_today, sum(target_sum) as target_sum_proposed
    from (
        select
            municipality_code, month, ticket_type, priority, category, assignee_group,
            unnest(['resolution', 'response']) as measure,
            unnest([resolved_normed, responded_normed]) as tickets,
            unnest([resolution_within, response_within]) as within,
            unnest([resolution_target_sum, response_target_sum]) as target_sum
        from ticket_months
        where month >= $start and month < $end and list_contains($members, municipality_code)
    )
    where tickets > 0
    group by all
),

touched as (
    select
        municipality_code, month, measure, ticket_type, priority, category, assignee_group, target_pct,
        is_within as within_today, business_minutes, calendar_minutes
    from norm_times
    where month >= $start and month < $end and list_contains($members, municipality_code)
        and (ticket_type, priority) in (select (ticket_type, priority) from proposal)
),

judged as (
    select
        t.*,
        p.target_pct as target_proposed,
        coalesce(
            case when p.clock = 'business' then t.business_minutes else t.calendar_minutes end
            <= case when t.measure = 'resolution' then p.resolution_minutes else p.response_minutes end,
            false
        ) as within_proposed
    from touched as t
    join proposal as p on p.ticket_type = t.ticket_type and p.priority = t.priority
),

changes as (
    select
        municipality_code, month, measure, ticket_type, priority, category, assignee_group,
        count_if(within_proposed)::bigint - count_if(within_today)::bigint as within_proposed,
        sum(target_proposed - target_pct) as target_sum_proposed,
        count_if(within_today and not within_proposed)::bigint as to_over,
        count_if(within_proposed and not within_today)::bigint as to_within
    from judged
    group by all
),

fine as (
    select
        municipality_code, month, measure, ticket_type, priority, category, assignee_group,
        sum(tickets)::bigint as tickets,
        sum(within_today)::bigint as within_today,
        sum(within_proposed)::bigint as within_proposed,
        sum(target_sum_today) as target_sum_today,
        sum(target_sum_proposed) as target_sum_proposed,
        coalesce(sum(to_over), 0)::bigint as to_over,
        coalesce(sum(to_within), 0)::bigint as to_within
    from (select * from today union all by name select * from changes)
    group by all
),

counted as (
    select
        -- grouping(): a bit per column, most significant first, set where the column is not a key
        case grouping(municipality_code, month, ticket_type, category, assignee_group)
            when 15 then 'member'  -- 01111
            when 7 then 'month'  -- 00111
            when 27 then 'norm'  -- 11011
            when 13 then 'category'  -- 01101
            else 'group'  -- 01110
        end as grain,
        municipality_code, measure, month, ticket_type, priority, category, assignee_group,
        sum(tickets)::bigint as tickets,
        sum(within_today)::bigint as within_today,
        sum(within_proposed)::bigint as within_proposed,
        sum(target_sum_today) as target_sum_today,
        sum(target_sum_proposed) as target_sum_proposed,
        sum(to_over)::bigint as to_over,
        sum(to_within)::bigint as to_within
    from fine
    group by grouping sets (
        (municipality_code, measure),
        (municipality_code, measure, month),
        (measure, ticket_type, priority),
        (municipality_code, measure, category),
        (municipality_code, measure, assignee_group)
    )
),

final as (
    select
        *,
        100.0 * within_today / tickets as score_today,
        100.0 * within_proposed / tickets as score_proposed,
        target_sum_today / tickets as target_today,
        target_sum_proposed / tickets as target_proposed,
        -- a month meets its target when the score is at or above the ticket-weighted target (exact:
        -- 100 x within against the sum of the targets, in decimals)
        100 * within_today >= target_sum_today as meets_today,
        100 * within_proposed >= target_sum_proposed as meets_proposed
    from counted
    where grain not in ('category', 'group') or to_over + to_within > 0
)

select * from final
order by grain, municipality_code, measure, month, ticket_type, priority, category, assignee_group
