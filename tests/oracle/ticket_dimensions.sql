-- The categories and assignee groups that occur in the tickets, for the narrowing lists.
-- Grain: one row per dimension and value.
-- Parameters: none.
with

final as (
    select distinct 'category' as dimension, category as name from tickets where category is not null
    union
    select distinct 'assignee_group' as dimension, assignee_group as name from tickets where assignee_group is not null
)

select * from final order by dimension, name
