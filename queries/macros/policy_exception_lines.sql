-- Own-route spend on days when a collective or SSC arrangement exists: the exceptions to
-- the policy of doing things together.
-- Grain: one row per invoice line with such spend in [p_start, p_end).
-- A member's own-route line is spread over its days like spend_lines; each day counts when
-- a contract with route collective or ssc in the line's cost category, for that member or
-- for all members, runs on that day (start_date to end_date inclusive).
create or replace macro policy_exception_lines(p_start, p_end) as table
with

own as (
    select
        invoice_id,
        line_no,
        supplier_id,
        supplier_name,
        municipality_code,
        cost_category,
        amount_excl_vat_eur,
        coalesce(period_start, invoice_date) as first_day,
        coalesce(period_end, invoice_date) as last_day
    from invoices
    where
        route = 'own'
        and municipality_code <> 'SSC'
        and coalesce(period_end, invoice_date) >= p_start
        and coalesce(period_start, invoice_date) < p_end
),

days as (
    select
        o.*,
        cast(unnest(generate_series(
            cast(greatest(o.first_day, p_start) as timestamp),
            cast(least(o.last_day, cast(p_end as date) - 1) as timestamp),
            interval 1 day
        )) as date) as day
    from own as o
),

covered as (
    select d.*
    from days as d
    where exists (
        select 1
        from contracts as c
        where
            c.route in ('collective', 'ssc')
            and c.cost_category = d.cost_category
            and (c.municipality_code is null or c.municipality_code = d.municipality_code)
            and d.day between c.start_date and c.end_date
    )
),

final as (
    select
        invoice_id,
        line_no,
        supplier_id,
        supplier_name,
        municipality_code,
        cost_category,
        sum(amount_excl_vat_eur / (date_diff('day', first_day, last_day) + 1)) as amount_eur
    from covered
    group by invoice_id, line_no, supplier_id, supplier_name, municipality_code, cost_category
)

select * from final
