-- Claimed savings checked against the invoices of the initiative's contract.
-- Grain: one row per savings row of the chosen members and year that names a contract.
-- Parameters: $members (list of codes), $year, $until (first day the data do not cover).
-- Actual spend: the member's spend in the year, up to $until, on invoice lines of that contract
-- (spread as in spend_lines): its own lines plus its normalised cost-key share of lines billed
-- to SSC. A year the data cover in part is compared like with like (product.md, "Coverage"):
-- baseline and realised saving are prorated by its covered days, as savings_by_member does.
-- Supported saving: baseline - actual spend. A realised saving is not supported by the
-- invoices when the supported saving is less than 95% of it.
with

span as (
    select
        make_date($year, 1, 1) as year_start,
        least(make_date($year + 1, 1, 1), cast($until as date)) as covered_until,
        date_diff('day', make_date($year, 1, 1), least(make_date($year + 1, 1, 1), cast($until as date)))
        / date_diff('day', make_date($year, 1, 1), make_date($year + 1, 1, 1)) as factor
),

claims as (
    select
        s.* replace (s.baseline_eur * p.factor as baseline_eur, s.realized_savings_eur * p.factor as realized_savings_eur),
        p.covered_until
    from savings as s, span as p
    where s.year = $year and s.contract_id is not null and list_contains($members, s.municipality_code)
        and p.year_start < p.covered_until
),

shares as (
    select
        y.municipality_code,
        y.allocation_share / sum(y.allocation_share) over () as share
    from municipality_years as y
    inner join municipalities as m on m.municipality_code = y.municipality_code
    where m.is_ssc_member and y.year = $year
),

lines as (
    select contract_id, municipality_code, amount_eur
    from spend_lines((select year_start from span), (select covered_until from span))
    where contract_id in (select contract_id from claims)
),

actual as (
    select
        c.initiative_id,
        c.municipality_code,
        coalesce(sum(l.amount_eur) filter (where l.municipality_code = c.municipality_code), 0)
        + coalesce(sum(l.amount_eur) filter (where l.municipality_code = 'SSC'), 0) * coalesce(any_value(s.share), 0)
            as actual_spend_eur
    from claims as c
    left join lines as l on l.contract_id = c.contract_id
    left join shares as s on s.municipality_code = c.municipality_code
    group by c.initiative_id, c.municipality_code
),

final as (
    select
        c.initiative_id,
        c.initiative,
        c.municipality_code,
        c.year,
        c.covered_until,
        c.contract_id,
        c.kind,
        c.baseline_eur,
        round(a.actual_spend_eur, 2) as actual_spend_eur,
        round(c.baseline_eur - a.actual_spend_eur, 2) as supported_savings_eur,
        c.realized_savings_eur,
        c.realized_savings_eur is not null
            and c.baseline_eur - a.actual_spend_eur < 0.95 * c.realized_savings_eur as is_unsupported
    from claims as c
    inner join actual as a on a.initiative_id = c.initiative_id and a.municipality_code = c.municipality_code
)

select * from final order by municipality_code, initiative_id
