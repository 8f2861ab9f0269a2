-- Each contract that concerns the chosen members: spend to date against its ceiling, the
-- run rate, the date the ceiling is reached at that rate, and whether it ends soon.
-- Grain: one row per contract for all members or for one of $members.
-- Parameters: $members (list of codes), $until (the first day the data do not cover).
-- Spend to date: all invoice lines on the contract dated before $until (credit notes
-- netted, excl. VAT), whoever was billed. Run rate: that spend over the 365 days before
-- $until, per day. Ceiling date: $until plus the euros left divided by the run rate (NULL
-- without ceiling or rate; $until itself when the ceiling is already passed). Ends soon:
-- end_date on or after $until and within 12 months of it.
with

spend as (
    select
        contract_id,
        sum(amount_excl_vat_eur) as spend_to_date_eur,
        coalesce(sum(amount_excl_vat_eur) filter (where invoice_date >= cast($until as date) - 365), 0) / 365.0
            as run_rate_eur_per_day
    from invoices
    where contract_id is not null and invoice_date < $until
    group by contract_id
),

final as (
    select
        c.contract_id,
        c.supplier_id,
        c.title,
        c.route,
        c.cost_category,
        c.municipality_code,
        c.start_date,
        c.end_date,
        c.ceiling_eur,
        coalesce(s.spend_to_date_eur, 0) as spend_to_date_eur,
        100.0 * coalesce(s.spend_to_date_eur, 0) / nullif(c.ceiling_eur, 0) as ceiling_used_pct,
        c.ceiling_eur - coalesce(s.spend_to_date_eur, 0) as ceiling_left_eur,
        s.run_rate_eur_per_day,
        case
            when c.ceiling_eur is null then null
            when coalesce(s.spend_to_date_eur, 0) >= c.ceiling_eur then cast($until as date)
            when coalesce(s.run_rate_eur_per_day, 0) > 0
                then cast($until as date)
                + cast(ceil((c.ceiling_eur - s.spend_to_date_eur) / s.run_rate_eur_per_day) as integer)
        end as ceiling_reached_date,
        c.end_date >= cast($until as date) and c.end_date < cast($until as date) + interval 12 month as is_ending_soon
    from contracts as c
    left join spend as s on s.contract_id = c.contract_id
    where c.municipality_code is null or list_contains($members, c.municipality_code)
)

select * from final order by end_date, contract_id
