-- Spend of the chosen members bought without a contract, per member and cost category.
-- Grain: one row per member and cost category with such spend in the period.
-- Parameters: $members (list of codes), $period_start, $period_end.
-- The members' own invoice lines with no contract_id, spread as in spend_lines.
with

lines as (
    select * from spend_lines($period_start, $period_end)
    where contract_id is null and list_contains($members, municipality_code)
),

final as (
    select municipality_code, cost_category, round(sum(amount_eur), 2) as spend_eur, count(*) as lines
    from lines
    group by municipality_code, cost_category
)

select * from final order by spend_eur desc, municipality_code, cost_category
