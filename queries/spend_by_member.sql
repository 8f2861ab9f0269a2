-- Spend per member in a period, in total and by route, from the cells of macros/spend_cells.
-- Grain: one row per SSC member.
-- Parameters: $period_start, $period_end (first day after the period; a period never
-- crosses a year).
-- Spend is excl. VAT with credit notes netted; the SSC's own costs are spread by the cost
-- key and count as route ssc (see macros/spend_cells.sql for the exact rule).
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

cells as (
    select * from spend_cells($period_start, $period_end)
),

final as (
    select
        m.municipality_code,
        coalesce(sum(c.spend_eur), 0) as spend_eur,
        coalesce(sum(c.spend_eur) filter (where c.route = 'ssc'), 0) as spend_ssc_eur,
        coalesce(sum(c.spend_eur) filter (where c.route = 'collective'), 0) as spend_collective_eur,
        coalesce(sum(c.spend_eur) filter (where c.route = 'own'), 0) as spend_own_eur
    from members as m
    left join cells as c on c.municipality_code = m.municipality_code
    group by m.municipality_code
)

select * from final order by municipality_code
