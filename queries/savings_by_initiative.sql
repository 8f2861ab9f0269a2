-- Savings per initiative, member and year for the chosen members.
-- Grain: one row per savings row (initiative, member, year).
-- Parameters: $members (list of codes).
-- The realisation rate of a row is realised / expected; NULL until the realised figure is known.
select
    initiative_id,
    initiative,
    route,
    kind,
    municipality_code,
    year,
    expected_savings_eur,
    realized_savings_eur,
    100.0 * realized_savings_eur / nullif(expected_savings_eur, 0) as realization_pct,
    baseline_eur,
    contract_eur,
    contract_id
from savings
where list_contains($members, municipality_code)
order by initiative_id, municipality_code, year
