-- Realised and expected savings per member for a period, prorated by days.
-- Grain: one row per SSC member.
-- Parameters: $period_start, $period_end (first day after the period; within one year).
-- realized_savings_eur sums the initiative-years whose realised figure is known (NULL
-- when none is); the realisation rate divides it by the expected savings of those same rows.
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

year_savings as (
    select
        municipality_code,
        sum(expected_savings_eur) as expected_savings_eur,
        sum(realized_savings_eur) as realized_savings_eur,
        sum(expected_savings_eur) filter (where realized_savings_eur is not null) as expected_of_known_eur
    from savings
    where year = year($period_start)
    group by municipality_code
),

proration as (
    select
        date_diff('day', $period_start, $period_end)
        / date_diff('day', make_date(year($period_start), 1, 1), make_date(year($period_start) + 1, 1, 1))
        as factor
),

final as (
    select
        m.municipality_code,
        s.expected_savings_eur * p.factor as expected_savings_eur,
        s.realized_savings_eur * p.factor as realized_savings_eur,
        100.0 * s.realized_savings_eur / nullif(s.expected_of_known_eur, 0) as realization_pct
    from members as m
    cross join proration as p
    left join year_savings as s on s.municipality_code = m.municipality_code
)

select * from final order by municipality_code
