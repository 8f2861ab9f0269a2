-- Inhabitants, workstations and cost-key share per member for a year.
-- Grain: one row per SSC member.
-- Parameters: $year.
select
    m.municipality_code,
    m.name,
    y.inhabitants,
    y.workstations,
    y.allocation_share
from municipalities as m
left join municipality_years as y on y.municipality_code = m.municipality_code and y.year = $year
where m.is_ssc_member
order by m.municipality_code
