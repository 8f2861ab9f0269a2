-- Spend per member, cost category and route in a period, to the cent, with the SSC's own
-- costs spread over the members so that the spread reconciles exactly.
-- Grain: one row per member, cost category and route with spend in [p_start, p_end)
-- (p_end at most a year after p_start's year start: a period never crosses a year).
-- Members' own lines: summed per cell, rounded to the cent. Lines billed to SSC: summed
-- per cost category and rounded to the cent, then divided by the cost key of the period's
-- year (the members' allocation_share, normalised to sum to one) with the largest-remainder
-- method: each member gets the whole cents of its share, and the cents left over go one by
-- one to the largest remainders (ties by municipality code). They count as route ssc.
-- `source` tells the member's own lines ('own') from its share of the SSC ('ssc_spread').
create or replace macro spend_cells(p_start, p_end) as table
with

lines as (
    select * from spend_lines(p_start, p_end)
),

own_cells as (
    select municipality_code, cost_category, route, round(sum(amount_eur), 2) as spend_eur
    from lines
    where municipality_code <> 'SSC'
    group by municipality_code, cost_category, route
),

ssc_cells as (
    select cost_category, cast(round(sum(amount_eur) * 100) as bigint) as cents
    from lines
    where municipality_code = 'SSC'
    group by cost_category
),

shares as (
    select
        y.municipality_code,
        cast(round(y.allocation_share * 1000000) as bigint) as millionths,
        sum(cast(round(y.allocation_share * 1000000) as bigint)) over () as total_millionths
    from municipality_years as y
    inner join municipalities as m on m.municipality_code = y.municipality_code
    where m.is_ssc_member and y.year = year(p_start)
),

exact as (
    select
        c.cost_category,
        s.municipality_code,
        sign(c.cents) as direction,
        abs(c.cents) as whole,
        abs(c.cents) * s.millionths // s.total_millionths as base_cents,
        abs(c.cents) * s.millionths % s.total_millionths as remainder
    from ssc_cells as c
    cross join shares as s
    where s.total_millionths > 0
),

ranked as (
    select
        *,
        row_number() over (partition by cost_category order by remainder desc, municipality_code) as place,
        whole - sum(base_cents) over (partition by cost_category) as cents_left
    from exact
),

allocated as (
    select
        municipality_code,
        cost_category,
        'ssc' as route,
        direction * (base_cents + case when place <= cents_left then 1 else 0 end) / 100 as spend_eur
    from ranked
),

final as (
    select municipality_code, cost_category, route, 'own' as source, cast(spend_eur as decimal(18, 2)) as spend_eur
    from own_cells
    union all
    select municipality_code, cost_category, route, 'ssc_spread' as source, cast(spend_eur as decimal(18, 2)) as spend_eur
    from allocated
)

select * from final
