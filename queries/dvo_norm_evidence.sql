-- DVO what-if evidence: per ticket type, priority and measure, the norm at which the tickets of
-- a period would just have met the target: the smallest number of minutes N on the norm's clock
-- such that at least the target's share of the tickets took N minutes or less.
-- Grain: one row per measure ('resolution', 'response'), ticket type and priority with tickets
-- in $norms.
-- Parameters: $members (list of codes), $start, $end (first days of months: the period, and the
-- first day after);
-- $norms: a list of {ticket_type, priority, clock, target_pct}, the clock and target to use.
-- Tickets as dvo_whatif.sql counts them (with a norm that applied, in the period), from the
-- norm_times_histogram summary. With n tickets and target t%, N is the k-th smallest time,
-- k = ceil(n * t / 100), computed in whole numbers; a ticket without a time counts as never within,
-- so N is NULL when fewer than k have one (no norm meets the target).
with

norms as (
    select unnest(cast($norms as struct(
        ticket_type varchar, priority tinyint, clock varchar, target_pct decimal(5, 2)
    )[]), recursive := true)
),

histogram as (
    select h.measure, h.ticket_type, h.priority, n.clock, n.target_pct, h.minutes, sum(h.tickets) as tickets
    from norm_times_histogram as h
    join norms as n on n.ticket_type = h.ticket_type and n.priority = h.priority and n.clock = h.clock
    where h.month >= $start and h.month < $end and list_contains($members, h.municipality_code)
    group by all
),

cumulative as (
    select
        *,
        sum(tickets) over (
            partition by measure, ticket_type, priority order by minutes nulls last
            rows between unbounded preceding and current row
        ) as up_to,
        -- k = ceil(n * target / 100), in whole numbers: the target in hundredths of a percent
        (sum(tickets) over (partition by measure, ticket_type, priority) * cast(target_pct * 100 as bigint) + 9999)
        // 10000 as needed
    from histogram
),

final as (
    select
        measure, ticket_type, priority, any_value(clock) as clock, any_value(target_pct) as target_pct,
        sum(tickets)::bigint as tickets,
        min(minutes) filter (where up_to >= needed and minutes is not null) as norm_minutes
    from cumulative
    group by measure, ticket_type, priority
)

select * from final order by measure, ticket_type, priority
