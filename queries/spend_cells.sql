-- Spend per member, cost category and route in a period (see macros/spend_cells.sql).
-- Grain: one row per member, cost category and route with spend in the period.
-- Parameters: $period_start, $period_end (first day after the period).
select * from spend_cells($period_start, $period_end) order by municipality_code, cost_category, route
