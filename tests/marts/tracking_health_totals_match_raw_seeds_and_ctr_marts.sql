{#- Nothing lost between the raw seeds and the marts: tracking_health's
    raw totals equal the raw seeds' row counts, its counted views equal the
    views of campaign_ctr's day rows, and its qualifying clicks equal their
    clicks (each qualifying click counts once, in its view's period). -#}
with

raw_views as (

    select * from {{ raw_input('raw_views') }}

),

raw_clicks as (

    select * from {{ raw_input('raw_clicks') }}

),

health as (

    select * from {{ ref('tracking_health') }}

),

campaigns as (

    select * from {{ ref('campaign_ctr') }}
    where period_grain = 'day'

),

expected as (

    select
        'raw_views' as figure,
        count(*) as expected_total
    from raw_views

    union all

    select
        'raw_clicks' as figure,
        count(*) as expected_total
    from raw_clicks

    union all

    select
        'counted_views' as figure,
        coalesce(sum(views), 0) as expected_total
    from campaigns

    union all

    select
        'qualifying_clicks' as figure,
        coalesce(sum(clicks), 0) as expected_total
    from campaigns

),

actual as (

    select
        'raw_views' as figure,
        coalesce(sum(raw_views), 0) as actual_total
    from health

    union all

    select
        'raw_clicks' as figure,
        coalesce(sum(raw_clicks), 0) as actual_total
    from health

    union all

    select
        'counted_views' as figure,
        coalesce(sum(counted_views), 0) as actual_total
    from health

    union all

    select
        'qualifying_clicks' as figure,
        coalesce(sum(qualifying_clicks), 0) as actual_total
    from health

),

failures as (

    select
        expected.figure,
        expected.expected_total,
        actual.actual_total

    from expected
    inner join actual
        on expected.figure = actual.figure
    where expected.expected_total != actual.actual_total

)

select * from failures
