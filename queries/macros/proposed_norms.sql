-- The proposed DVO norms of a what-if as rows: p is a list of {ticket_type, priority,
-- response_minutes, resolution_minutes, clock, target_pct} (regie/norm_proposal.py, Norm.param),
-- typed even when empty.
-- Grain: one row per proposed norm (a ticket type and priority).
create or replace macro proposed_norms(p) as table
select unnest(cast(p as struct(
    ticket_type varchar, priority tinyint, response_minutes integer, resolution_minutes integer,
    clock varchar, target_pct decimal(5, 2)
)[]), recursive := true)
