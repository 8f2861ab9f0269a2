-- Inhabitants, workstations and cost-key share per member for a year.
-- Grain: one row per SSC member that takes part in the year: one with its municipality_years
-- row (product.md, "Coverage"); the others are left out of every figure, average and chart.
-- Parameters: $year.
with

years as (
    select * from municipality_years where year = $year
)

select
    m.municipality_code,
    m.name,
    y.inhabitants,
    y.workstations,
    y.allocation_share
from municipalities as m
inner join years as y on y.municipality_code = m.municipality_code
where m.is_ssc_member
order by m.municipality_code
