-- Every invoice line's spend in a period (excl. VAT, credit notes negative).
-- Grain: one row per invoice line with spend in [p_start, p_end).
-- A line with a service period is spread evenly over its days; a line without one counts
-- on its invoice date. Billing to SSC is kept here; spend_cells spreads it.
create or replace macro spend_lines(p_start, p_end) as table
with

lines as (
    select
        *,
        coalesce(period_start, invoice_date) as first_day,
        coalesce(period_end, invoice_date) as last_day
    from invoices
),

final as (
    select
        invoice_id,
        line_no,
        document_type,
        supplier_id,
        supplier_name,
        contract_id,
        municipality_code,
        invoice_date,
        cost_category,
        route,
        amount_excl_vat_eur
        * date_diff('day', greatest(first_day, p_start), least(last_day + 1, p_end))
        / (date_diff('day', first_day, last_day) + 1) as amount_eur
    from lines
    where last_day >= p_start and first_day < p_end
)

select * from final
