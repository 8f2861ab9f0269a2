-- How many tickets with a DVO norm took each number of minutes, on each clock, per member and month:
-- the distribution the DVO what-if reads its realistic norms from (dvo_norm_evidence.sql), a few
-- times smaller than the tickets themselves.
-- Grain: one row per measure, ticket type, priority, clock ('business', 'calendar'), member, month
-- and minutes on that clock (NULL: a ticket without a time).
-- Sorted by measure, type, priority and clock, so that the realistic norm of one type and priority
-- reads only its row groups.
-- Parameters: $chunk_from, $chunk_until: the months built, [from, until). Built from norm_times.
with

clocks as (
    select
        measure, ticket_type, priority, unnest(['business', 'calendar']) as clock, municipality_code, month,
        unnest([business_minutes, calendar_minutes]) as minutes
    from norm_times
    where month >= $chunk_from and month < $chunk_until
)

select measure, ticket_type, priority, clock, municipality_code, month, minutes, count(*) as tickets
from clocks
group by all
order by all
