-- The DVO norms in force at the end of a period, one per ticket type and priority: what the
-- what-if's proposal starts from.
-- Grain: one row per ticket type and priority with a norm valid on the period's last day.
-- Parameters: $start, $end (the period's first day, and the first day after).
-- changed_in_period: the norm took effect inside the period, so the tickets opened before it
-- took effect had an earlier norm of the same type and priority (views/tickets_normed.sql), whose
-- values are in the previous_* columns (NULL when there was none).
with

ranked as (
    select
        *,
        row_number() over (partition by ticket_type, priority order by valid_from desc) as newest,
        lag(response_minutes) over earlier as previous_response_minutes,
        lag(resolution_minutes) over earlier as previous_resolution_minutes,
        lag(clock) over earlier as previous_clock,
        lag(target_pct) over earlier as previous_target_pct
    from sla_norms
    where valid_from < $end
    window earlier as (partition by ticket_type, priority order by valid_from)
),

final as (
    select
        ticket_type, priority, response_minutes, resolution_minutes, clock, target_pct, valid_from,
        valid_from > $start as changed_in_period,
        previous_response_minutes, previous_resolution_minutes, previous_clock, previous_target_pct
    from ranked
    where newest = 1
)

select * from final
order by list_position(['incident', 'request', 'change'], ticket_type), ticket_type, priority
