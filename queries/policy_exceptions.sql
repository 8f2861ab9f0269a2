-- The exceptions list a board asks about: own-route spend where a collective or SSC
-- arrangement exists, per member, cost category and supplier, largest first.
-- Grain: one row per member, cost category and supplier with exception spend in the period.
-- Parameters: $members (list of codes), $period_start, $period_end.
-- Rule: macros/policy_exception_lines.sql.
with

final as (
    select
        municipality_code,
        cost_category,
        supplier_id,
        min(supplier_name) as supplier_name,
        round(sum(amount_eur), 2) as spend_eur,
        count(*) as lines
    from policy_exception_lines($period_start, $period_end)
    where list_contains($members, municipality_code)
    group by municipality_code, cost_category, supplier_id
)

select * from final order by spend_eur desc, municipality_code, cost_category, supplier_id
