-- Tickets escalated to suppliers and how often they breached the resolution norm.
-- Grain: one row per supplier with escalated tickets resolved in the period.
-- Parameters: $members (list of codes), $period_start, $period_end, $category and
-- $assignee_group (NULL for all).
-- The supplier's name is the one its invoices carry, when it has any.
with

escalated as (
    select * from escalated_tickets($members, $period_start, $period_end, $category, $assignee_group)
),

names as (
    select supplier_id, min(supplier_name) as supplier_name
    from invoices
    group by supplier_id
),

final as (
    select
        e.supplier_id,
        coalesce(n.supplier_name, e.supplier_id) as supplier_name,
        e.escalated_tickets,
        e.breaches,
        100.0 * e.breaches / e.escalated_tickets as breach_rate_pct
    from escalated as e
    left join names as n on n.supplier_id = e.supplier_id
)

select * from final order by escalated_tickets desc, supplier_id
