-- The open backlog at every month's start (and at the data's end), by age and past its norm.
-- Grain: one row per period end (the first day of a month, and the data's end), member, category and assignee
-- group (the last two may be NULL) with open tickets.
-- Parameters: $last_period_end, the last month start covered (the month after the data);
-- $data_end, the first day the data do not cover (a period end too when not a month's first);
-- $chunk_from, $chunk_until: the period ends built, [from, until) (regie/derive.py).
-- In the backlog at a period end P: opened before P and not resolved before P, so every
-- month start after the month of opened_at up to and including the month of resolved_at
-- (or up to $last_period_end when unresolved). Age and past-norm as in backlog_by_member.sql
-- before it read this table: age in days from the date of opened_at to P; past its norm when
-- the time from opened_at to P on the norm's clock exceeds the resolution norm.
with

spans as (
    select
        municipality_code, category, assignee_group, opened_at, norm_clock, resolution_norm_minutes,
        cast(unnest(list_concat(
            range(
                date_trunc('month', opened_at) + interval 1 month,
                least(coalesce(date_trunc('month', resolved_at), $last_period_end), $last_period_end)
                + interval 1 month,
                interval 1 month
            ),
            -- Data that end inside a month: the backlog at the data's end as well, where a period
            -- running past it is cut (regie/coverage.py).
            case
                when $data_end < $last_period_end and opened_at < $data_end
                    and (resolved_at is null or resolved_at >= $data_end)
                    then [cast($data_end as timestamp)]
                else cast([] as timestamp[])
            end
        )) as date) as period_end
    from tickets_normed
    where opened_at < $chunk_until and (resolved_at >= $chunk_from or resolved_at is null)
),

open_tickets as (
    select
        period_end,
        municipality_code,
        category,
        assignee_group,
        date_diff('day', cast(opened_at as date), period_end) as age_days,
        case
            when norm_clock = 'business' then business_minutes(opened_at, period_end)
            when norm_clock = 'calendar' then calendar_minutes(opened_at, period_end)
        end > resolution_norm_minutes as is_past_norm
    from spans
),

final as (
    select
        period_end,
        municipality_code,
        category,
        assignee_group,
        count(*) as backlog_open,
        count_if(age_days <= 7)::bigint as age_0_7,
        count_if(age_days between 8 and 30)::bigint as age_8_30,
        count_if(age_days between 31 and 90)::bigint as age_31_90,
        count_if(age_days > 90)::bigint as age_90_plus,
        count_if(is_past_norm)::bigint as backlog_past_norm
    from open_tickets
    where period_end >= $chunk_from and period_end < $chunk_until
    group by all
)

select * from final order by period_end, municipality_code, category, assignee_group
