-- Budget against actual spend per member and cost category for a year, with a forecast.
-- Grain: one row per SSC member and cost category with a budget or spend in the year.
-- Parameters: $year; $until (the first day the data do not cover).
-- Actual: spend (spend_cells) from 1 January up to the earlier of $until and the year's end.
-- Forecast for the full year from the run rate: actual / days elapsed x days in the year;
-- for a complete year it is the actual. Budget is NULL where the member has no budget row.
with

bounds as (
    select
        make_date($year, 1, 1) as year_start,
        make_date($year + 1, 1, 1) as year_end,
        least(cast($until as date), make_date($year + 1, 1, 1)) as actual_end
),

actual as (
    select c.municipality_code, c.cost_category, sum(c.spend_eur) as actual_eur
    from bounds as b, spend_cells(b.year_start, b.actual_end) as c
    group by c.municipality_code, c.cost_category
),

budget as (
    select municipality_code, cost_category, budget_eur from budgets where year = $year
),

members as (
    select municipality_code from municipalities where is_ssc_member
),

final as (
    select
        coalesce(a.municipality_code, g.municipality_code) as municipality_code,
        coalesce(a.cost_category, g.cost_category) as cost_category,
        g.budget_eur,
        coalesce(a.actual_eur, 0) as actual_eur,
        coalesce(a.actual_eur, 0) * date_diff('day', b.year_start, b.year_end)
            / nullif(date_diff('day', b.year_start, b.actual_end), 0) as forecast_eur,
        date_diff('day', b.year_start, b.actual_end) as days_elapsed,
        date_diff('day', b.year_start, b.year_end) as days_in_year
    from actual as a
    full outer join budget as g on g.municipality_code = a.municipality_code and g.cost_category = a.cost_category
    cross join bounds as b
)

select f.*, f.forecast_eur - f.budget_eur as variance_eur, f.forecast_eur > f.budget_eur as is_overrun
from final as f
inner join members as m on m.municipality_code = f.municipality_code
order by f.municipality_code, f.cost_category
