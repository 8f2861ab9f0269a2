-- The categories and assignee groups that occur in the tickets, for the narrowing lists.
-- Grain: one row per dimension and value.
-- Parameters: none. Read from the ticket_months summary, which holds every ticket once.
with

final as (
    select distinct 'category' as dimension, category as name from ticket_months where category is not null
    union
    select distinct 'assignee_group' as dimension, assignee_group as name
    from ticket_months
    where assignee_group is not null
)

select * from final order by dimension, name
