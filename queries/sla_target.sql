-- The DVO target that most norms share, drawn on headline SLA charts.
-- Grain: one row.
-- Parameters: $on_date (the norms valid on this date count).
-- Per ticket type and priority the norm row with the latest valid_from on or before the
-- date; the lower median of their targets (90.00 when most norms ask 90%).
with

valid_norms as (
    select ticket_type, priority, arg_max(target_pct, valid_from) as target_pct
    from sla_norms
    where valid_from <= $on_date
    group by ticket_type, priority
),

final as (
    select quantile_disc(target_pct, 0.5) as target_pct from valid_norms
)

select * from final
