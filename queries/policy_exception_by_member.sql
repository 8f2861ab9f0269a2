-- Own-route spend where a collective or SSC arrangement exists, per member, for the KPIs.
-- Grain: one row per SSC member.
-- Parameters: $period_start, $period_end.
-- Rule: macros/policy_exception_lines.sql.
with

members as (
    select municipality_code from municipalities where is_ssc_member
),

per_member as (
    select municipality_code, sum(amount_eur) as policy_exception_spend_eur
    from policy_exception_lines($period_start, $period_end)
    group by municipality_code
),

final as (
    select m.municipality_code, round(coalesce(p.policy_exception_spend_eur, 0), 2) as policy_exception_spend_eur
    from members as m
    left join per_member as p on p.municipality_code = m.municipality_code
)

select * from final order by municipality_code
