-- Spend per member in a period, by route, with the SSC's own costs spread by the cost key.
-- Grain: one row per SSC member.
-- Parameters: $period_start, $period_end (first day after the period; a period never
-- crosses a year).
-- Spend is the invoice amount excluding VAT, credit notes netted (they are negative).
-- A line with a service period is spread evenly over its days; a line without one
-- counts on its invoice date. Lines billed to SSC are spread over the members by the
-- allocation_share of the period's year and count as route ssc.
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

lines as (
    select
        municipality_code,
        route,
        amount_excl_vat_eur as amount,
        coalesce(period_start, invoice_date) as first_day,
        coalesce(period_end, invoice_date) as last_day
    from invoices
    where coalesce(period_end, invoice_date) >= $period_start and coalesce(period_start, invoice_date) < $period_end
),

in_period as (
    select
        municipality_code,
        route,
        amount * date_diff('day', greatest(first_day, $period_start), least(last_day + 1, $period_end))
            / (date_diff('day', first_day, last_day) + 1) as amount
    from lines
),

shares as (
    select municipality_code, allocation_share
    from municipality_years
    where year = year($period_start)
),

ssc_spread as (
    select s.municipality_code, 'ssc' as route, sum(l.amount) * s.allocation_share as amount
    from in_period as l
    cross join shares as s
    where l.municipality_code = 'SSC'
    group by s.municipality_code, s.allocation_share
),

all_spend as (
    select municipality_code, route, amount from in_period where municipality_code <> 'SSC'
    union all
    select municipality_code, route, amount from ssc_spread
),

final as (
    select
        m.municipality_code,
        coalesce(sum(a.amount), 0) as spend_eur,
        coalesce(sum(a.amount) filter (where a.route = 'ssc'), 0) as spend_ssc_eur,
        coalesce(sum(a.amount) filter (where a.route = 'collective'), 0) as spend_collective_eur,
        coalesce(sum(a.amount) filter (where a.route = 'own'), 0) as spend_own_eur
    from members as m
    left join all_spend as a on a.municipality_code = m.municipality_code
    group by m.municipality_code
)

select * from final order by municipality_code
