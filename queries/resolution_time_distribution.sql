-- How long resolution took, in bands of service hours, for the tickets resolved in a period.
-- Grain: one row per band that holds tickets (a service day is 9 hours at default hours).
-- Parameters: $members (list of codes), $period_start, $period_end, $category and
-- $assignee_group (NULL for all).
-- Bands: [0, 1), [1, 4), [4, 9), [9, 18), [18, 45), [45, 90) and 90 or more service hours.
-- Counted from the ticket_months summary, which holds each resolved ticket's band.
with

counts as (
    select
        sum(band_0)::bigint as b0, sum(band_1)::bigint as b1, sum(band_2)::bigint as b2, sum(band_3)::bigint as b3,
        sum(band_4)::bigint as b4, sum(band_5)::bigint as b5, sum(band_6)::bigint as b6
    from ticket_months_in($period_start, $period_end, $category, $assignee_group)
    where list_contains($members, municipality_code)
),

banded as (
    select band, tickets
    from counts
    cross join lateral (values (0, b0), (1, b1), (2, b2), (3, b3), (4, b4), (5, b5), (6, b6)) as b(band, tickets)
    where tickets > 0
),

final as (
    select
        band,
        [0, 1, 4, 9, 18, 45, 90][band + 1] as hours_from,
        [1, 4, 9, 18, 45, 90, null][band + 1] as hours_to,
        tickets,
        100.0 * tickets / sum(tickets) over () as share_pct
    from banded
)

select * from final order by band
