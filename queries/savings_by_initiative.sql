-- Savings per initiative, member and year for the chosen members, as far as the data cover each year.
-- Grain: one row per savings row (initiative, member, year) of a year the data cover.
-- Parameters: $members (list of codes), $first (first day covered), $until (first day not covered).
-- Savings are per year (product.md, "Precise rules"); the year running at the data's end counts
-- its covered part only: expected and realised are prorated by the covered days of the year, as
-- savings_by_member does for that period ("Coverage"). Years wholly outside the data have no row.
-- The realisation rate of a row is realised / expected; NULL until the realised figure is known.
with

covered as (
    select
        *,
        least(make_date(year + 1, 1, 1), cast($until as date)) as covered_until,
        date_diff('day', make_date(year, 1, 1), least(make_date(year + 1, 1, 1), cast($until as date)))
        / date_diff('day', make_date(year, 1, 1), make_date(year + 1, 1, 1)) as factor
    from savings
    where list_contains($members, municipality_code)
        and make_date(year, 1, 1) < cast($until as date)
        and make_date(year + 1, 1, 1) > cast($first as date)
),

final as (
    select
        initiative_id,
        initiative,
        route,
        kind,
        municipality_code,
        year,
        covered_until,
        expected_savings_eur * factor as expected_savings_eur,
        realized_savings_eur * factor as realized_savings_eur,
        100.0 * realized_savings_eur / nullif(expected_savings_eur, 0) as realization_pct,
        baseline_eur,
        contract_eur,
        contract_id
    from covered
)

select * from final order by initiative_id, municipality_code, year
