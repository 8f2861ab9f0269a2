-- Tickets escalated to a supplier and resolved in a period, with how many breached their norm.
-- Grain: one row per supplier with such tickets of the chosen members (tickets without a
-- norm left out).
-- Parameters: p_members (list of codes), p_start, p_end (first days of months), p_category
-- and p_group (NULL for all).
create or replace macro escalated_tickets(p_members, p_start, p_end, p_category, p_group) as table
select
    supplier_id,
    sum(resolved_normed)::bigint as escalated_tickets,
    sum(resolution_breaches)::bigint as breaches
from ticket_months_in(p_start, p_end, p_category, p_group)
where supplier_id is not null and list_contains(p_members, municipality_code)
group by supplier_id
having sum(resolved_normed) > 0
