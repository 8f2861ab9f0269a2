-- The SSC's own costs in a period divided per member under the agreed cost key and under
-- three alternatives: inhabitants, workstations and ticket volume.
-- Grain: one row per SSC member and key ('agreed', 'inhabitants', 'workstations', 'tickets').
-- Parameters: $period_start, $period_end (first day after the period; within one year).
-- The total is what spend_cells spreads (the SSC's lines, per category to the cent). Each
-- alternative divides that total by the members' share of the year's inhabitants or
-- workstations, or of the tickets opened in the period, with the largest-remainder method
-- like the agreed key, so that every key adds up to the same total to the cent.
with

spread as (
    select municipality_code, spend_eur from spend_cells($period_start, $period_end) where source = 'ssc_spread'
),

total as (
    select cast(round(coalesce(sum(spend_eur), 0) * 100) as bigint) as cents from spread
),

-- The members that take part in the year: those with its municipality_years row (product.md,
-- "Coverage"); the others get no bill under any key.
taking_part as (
    select m.municipality_code, y.inhabitants, y.workstations
    from municipalities as m
    inner join municipality_years as y on y.municipality_code = m.municipality_code and y.year = year($period_start)
    where m.is_ssc_member
),

agreed as (
    select m.municipality_code, 'agreed' as cost_key, coalesce(sum(s.spend_eur), 0) as bill_eur
    from taking_part as m
    left join spread as s on s.municipality_code = m.municipality_code
    group by m.municipality_code
),

opened as (
    select municipality_code, count(*) as tickets
    from tickets
    where opened_at >= $period_start and opened_at < $period_end
    group by municipality_code
),

weights as (
    select m.municipality_code, k.cost_key, k.weight
    from taking_part as m
    left join opened as o on o.municipality_code = m.municipality_code
    cross join lateral (
        values ('inhabitants', cast(m.inhabitants as bigint)),
        ('workstations', cast(m.workstations as bigint)),
        ('tickets', coalesce(o.tickets, 0))
    ) as k(cost_key, weight)
),

exact as (
    select
        w.municipality_code,
        w.cost_key,
        sign(t.cents) as direction,
        abs(t.cents) as whole,
        abs(t.cents) * w.weight // sum(w.weight) over (partition by w.cost_key) as base_cents,
        abs(t.cents) * w.weight % sum(w.weight) over (partition by w.cost_key) as remainder
    from weights as w
    cross join total as t
),

allocated as (
    select
        municipality_code,
        cost_key,
        direction * (
            base_cents
            + case when row_number() over (partition by cost_key order by remainder desc, municipality_code)
                <= whole - sum(base_cents) over (partition by cost_key) then 1 else 0 end
        ) / 100 as bill_eur
    from exact
),

final as (
    select municipality_code, cost_key, cast(bill_eur as decimal(18, 2)) as bill_eur from agreed
    union all
    select municipality_code, cost_key, cast(bill_eur as decimal(18, 2)) as bill_eur from allocated
)

select * from final order by cost_key, municipality_code
