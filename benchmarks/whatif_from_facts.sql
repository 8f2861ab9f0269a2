-- The DVO what-if's scores per member straight from the facts (views/tickets_normed.sql), without
-- the summaries: the baseline benchmarks/whatif.py sets beside queries/dvo_whatif.sql, and the check
-- that both count the same tickets. Parameters as dvo_whatif.sql.
with

proposal as (
    select * from proposed_norms($proposal)
),

times as (
    select
        municipality_code, 'resolution' as measure, ticket_type, priority,
        coalesce(is_resolution_within, false) as within_today,
        resolution_business_minutes as business_minutes, calendar_minutes(opened_at, resolved_at) as calendar_minutes
    from tickets_normed
    where resolved_at >= $start and resolved_at < $end and list_contains($members, municipality_code)
        and norm_clock is not null
    union all
    select
        municipality_code, 'response' as measure, ticket_type, priority,
        coalesce(is_response_within, false) as within_today,
        response_business_minutes as business_minutes, calendar_minutes(opened_at, responded_at) as calendar_minutes
    from tickets_normed
    where responded_at >= $start and responded_at < $end and list_contains($members, municipality_code)
        and norm_clock is not null
)

select
    t.municipality_code, t.measure, count(*) as tickets, count_if(t.within_today) as within_today,
    count_if(case
        when p.ticket_type is null then t.within_today
        else coalesce(
            case when p.clock = 'business' then t.business_minutes else t.calendar_minutes end
            <= case when t.measure = 'resolution' then p.resolution_minutes else p.response_minutes end, false)
    end) as within_proposed
from times as t
left join proposal as p on p.ticket_type = t.ticket_type and p.priority = t.priority
group by all
order by all
