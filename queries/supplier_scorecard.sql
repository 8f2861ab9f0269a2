-- A scorecard per supplier for the chosen members: spend now and a year earlier, invoices,
-- credit notes, share of spend, and tickets escalated to it with their breach rate.
-- Grain: one row per supplier with spend in the period or a year earlier, or escalations.
-- Parameters: $members (list of codes), $period_start, $period_end, $previous_start,
-- $previous_end (the same period a year earlier).
-- Spend: the members' own lines plus the members' part of the lines billed to SSC (the sum
-- of their normalised cost-key shares of the period's year), both as in spend_lines.
with

key_share as (
    select
        coalesce(sum(y.allocation_share) filter (where list_contains($members, y.municipality_code)), 0)
        / nullif(sum(y.allocation_share), 0) as part,
        y.year
    from municipality_years as y
    inner join municipalities as m on m.municipality_code = y.municipality_code
    where m.is_ssc_member and y.year in (year($period_start), year($previous_start))
    group by y.year
),

scoped as (
    select l.*, 'now' as span
    from spend_lines($period_start, $period_end) as l
    union all
    select l.*, 'before' as span
    from spend_lines($previous_start, $previous_end) as l
),

weighted as (
    select
        s.*,
        case when s.municipality_code = 'SSC' then s.amount_eur * coalesce(k.part, 0) else s.amount_eur end as member_eur
    from scoped as s
    left join key_share as k on k.year = year(case when s.span = 'now' then $period_start else $previous_start end)
    where s.municipality_code = 'SSC' or list_contains($members, s.municipality_code)
),

per_supplier as (
    select
        supplier_id,
        min(supplier_name) as supplier_name,
        sum(member_eur) filter (where span = 'now') as spend_eur,
        sum(member_eur) filter (where span = 'before') as spend_previous_eur,
        count(distinct invoice_id) filter (where span = 'now' and document_type = 'invoice') as invoices,
        count(distinct invoice_id) filter (where span = 'now' and document_type = 'credit_note') as credit_notes,
        coalesce(sum(member_eur) filter (where span = 'now' and document_type = 'credit_note'), 0) as credit_notes_eur
    from weighted
    group by supplier_id
),

escalations as (
    select * from escalated_tickets($members, $period_start, $period_end, null, null)
),

final as (
    select
        coalesce(p.supplier_id, e.supplier_id) as supplier_id,
        coalesce(p.supplier_name, coalesce(p.supplier_id, e.supplier_id)) as supplier_name,
        coalesce(p.spend_eur, 0) as spend_eur,
        coalesce(p.spend_previous_eur, 0) as spend_previous_eur,
        coalesce(p.invoices, 0) as invoices,
        coalesce(p.credit_notes, 0) as credit_notes,
        coalesce(p.credit_notes_eur, 0) as credit_notes_eur,
        100.0 * coalesce(p.spend_eur, 0) / nullif(sum(coalesce(p.spend_eur, 0)) over (), 0) as share_pct,
        coalesce(e.escalated_tickets, 0) as escalated_tickets,
        100.0 * e.breaches / nullif(e.escalated_tickets, 0) as breach_rate_pct
    from per_supplier as p
    full outer join escalations as e on e.supplier_id = p.supplier_id
)

select * from final order by spend_eur desc, supplier_id
