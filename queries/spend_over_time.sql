-- Spend of the chosen members per month, quarter or year, by cost category and route.
-- Grain: one row per bucket, cost category and route with spend.
-- Parameters: $members (list of codes), $start (first day of the first bucket), $end (first
-- day after the last bucket, or the first day the data do not cover: the last bucket is then cut
-- there), $months (1, 3 or 12: the bucket length; buckets never cross a year).
-- Each bucket is computed by spend_cells, so it equals the figures shown for that period, a cut
-- bucket those of its covered part (product.md, "Coverage").
with

buckets as (
    select cast(unnest(range(cast($start as timestamp), cast($end as timestamp), to_months($months))) as date) as bucket
),

cells as (
    select b.bucket, c.*
    from buckets as b,
        spend_cells(b.bucket, least(cast(b.bucket + to_months($months) as date), cast($end as date))) as c
    where list_contains($members, c.municipality_code)
),

final as (
    select bucket, cost_category, route, sum(spend_eur) as spend_eur
    from cells
    group by bucket, cost_category, route
)

select * from final order by bucket, cost_category, route
