-- Tickets escalated to a supplier and resolved in a period, with whether they met their norm.
-- Grain: one row per such ticket of the chosen members (tickets without a norm left out).
-- Parameters: p_members (list of codes), p_start, p_end, p_category and p_group (NULL for all).
create or replace macro oracle_escalated_tickets(p_members, p_start, p_end, p_category, p_group) as table
select supplier_id, is_resolution_within
from tickets_normed
where
    supplier_id is not null
    and norm_clock is not null
    and list_contains(p_members, municipality_code)
    and resolved_at >= p_start and resolved_at < p_end
    and (p_category is null or category = p_category)
    and (p_group is null or assignee_group = p_group)
