-- Ticket counts per member and month, for every page figure that counts tickets.
-- Grain: one row per member, month, ticket type, priority, category, assignee group and
-- supplier (the last three may be NULL). Each count belongs to its own event's month:
-- `opened` to the month of opened_at, the resolved_* and quality counts to the month of
-- resolved_at, the responded_* counts to the month of responded_at.
-- Parameters: $chunk_from, $chunk_until: the months built, [from, until) (a write rebuilds only the
-- months it touched; regie/derive.py). Built from the tickets_normed view when the data are written,
-- so the queries over it give exactly the figures the facts give (tests/test_summaries.py).
-- Norm counts (`*_normed`, `*_within`, `*_breaches`, `*_target_sum`) cover tickets with a
-- norm only; `within` and `breaches` are counted apart, as a ticket without a measured
-- time is neither. Resolution bands as in resolution_time_distribution.sql.
-- `facts` is inlined into each event's scan, so each scan reads only the files whose range of
-- its own timestamp reaches the chunk (one filter on an OR of three columns skips no file).
with

facts as not materialized (
    select
        municipality_code, ticket_type, priority, category, assignee_group, supplier_id,
        opened_at, responded_at, resolved_at, norm_clock, target_pct, is_response_within, is_resolution_within,
        is_first_contact_resolution, reopen_count, satisfaction,
        resolution_business_minutes / 60.0 as resolution_hours
    from tickets_normed
),

opened as (
    select
        municipality_code, cast(date_trunc('month', opened_at) as date) as month,
        ticket_type, priority, category, assignee_group, supplier_id,
        count(*) as opened
    from facts
    where opened_at >= $chunk_from and opened_at < $chunk_until
    group by all
),

resolved as (
    select
        municipality_code, cast(date_trunc('month', resolved_at) as date) as month,
        ticket_type, priority, category, assignee_group, supplier_id,
        count(*) as resolved,
        count_if(norm_clock is not null) as resolved_normed,
        count_if(norm_clock is not null and is_resolution_within) as resolution_within,
        count_if(norm_clock is not null and not is_resolution_within) as resolution_breaches,
        coalesce(sum(target_pct) filter (where norm_clock is not null), 0) as resolution_target_sum,
        count_if(is_first_contact_resolution) as first_contact,
        count_if(reopen_count > 0) as reopened,
        count(satisfaction) as satisfaction_responses,
        coalesce(sum(satisfaction), 0) as satisfaction_sum,
        count_if(satisfaction >= 7) as satisfaction_7plus,
        count_if(resolution_hours < 1) as band_0,
        count_if(resolution_hours >= 1 and resolution_hours < 4) as band_1,
        count_if(resolution_hours >= 4 and resolution_hours < 9) as band_2,
        count_if(resolution_hours >= 9 and resolution_hours < 18) as band_3,
        count_if(resolution_hours >= 18 and resolution_hours < 45) as band_4,
        count_if(resolution_hours >= 45 and resolution_hours < 90) as band_5,
        count_if(resolution_hours is null or resolution_hours >= 90) as band_6
    from facts
    where resolved_at >= $chunk_from and resolved_at < $chunk_until
    group by all
),

responded as (
    select
        municipality_code, cast(date_trunc('month', responded_at) as date) as month,
        ticket_type, priority, category, assignee_group, supplier_id,
        count_if(norm_clock is not null) as responded_normed,
        count_if(norm_clock is not null and is_response_within) as response_within,
        coalesce(sum(target_pct) filter (where norm_clock is not null), 0) as response_target_sum
    from facts
    where responded_at >= $chunk_from and responded_at < $chunk_until
    group by all
),

events as (
    select * from opened
    union all by name
    select * from resolved
    union all by name
    select * from responded
),

final as (
    select
        municipality_code, month, ticket_type, priority, category, assignee_group, supplier_id,
        coalesce(sum(opened), 0)::bigint as opened,
        coalesce(sum(resolved), 0)::bigint as resolved,
        coalesce(sum(resolved_normed), 0)::bigint as resolved_normed,
        coalesce(sum(resolution_within), 0)::bigint as resolution_within,
        coalesce(sum(resolution_breaches), 0)::bigint as resolution_breaches,
        coalesce(sum(resolution_target_sum), 0)::decimal(38, 2) as resolution_target_sum,
        coalesce(sum(responded_normed), 0)::bigint as responded_normed,
        coalesce(sum(response_within), 0)::bigint as response_within,
        coalesce(sum(response_target_sum), 0)::decimal(38, 2) as response_target_sum,
        coalesce(sum(first_contact), 0)::bigint as first_contact,
        coalesce(sum(reopened), 0)::bigint as reopened,
        coalesce(sum(satisfaction_responses), 0)::bigint as satisfaction_responses,
        coalesce(sum(satisfaction_sum), 0)::bigint as satisfaction_sum,
        coalesce(sum(satisfaction_7plus), 0)::bigint as satisfaction_7plus,
        coalesce(sum(band_0), 0)::bigint as band_0,
        coalesce(sum(band_1), 0)::bigint as band_1,
        coalesce(sum(band_2), 0)::bigint as band_2,
        coalesce(sum(band_3), 0)::bigint as band_3,
        coalesce(sum(band_4), 0)::bigint as band_4,
        coalesce(sum(band_5), 0)::bigint as band_5,
        coalesce(sum(band_6), 0)::bigint as band_6
    from events
    group by all
)

select * from final
order by month, municipality_code, ticket_type, priority, category, assignee_group, supplier_id
