-- Budget per member for a period: the year's budgets, prorated by days for a quarter or month.
-- Grain: one row per SSC member; budget_eur is NULL for a member without budget rows.
-- Parameters: $period_start, $period_end (first day after the period; within one year).
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

year_budget as (
    select municipality_code, sum(budget_eur) as budget_eur
    from budgets
    where year = year($period_start)
    group by municipality_code
),

final as (
    select
        m.municipality_code,
        b.budget_eur * date_diff('day', $period_start, $period_end)
            / date_diff('day', make_date(year($period_start), 1, 1), make_date(year($period_start) + 1, 1, 1))
            as budget_eur
    from members as m
    left join year_budget as b on b.municipality_code = m.municipality_code
)

select * from final order by municipality_code
