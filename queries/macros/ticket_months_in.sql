-- The ticket_months summary rows of the months in [p_start, p_end), narrowed to a category
-- and an assignee group (NULL for all). p_start and p_end are first days of months.
-- Grain: as ticket_months (regie/summaries.py, queries/summaries/ticket_months.sql).
create or replace macro ticket_months_in(p_start, p_end, p_category, p_group) as table
select *
from ticket_months
where
    month >= p_start and month < p_end
    and (p_category is null or category = p_category)
    and (p_group is null or assignee_group = p_group)
