{#- Views and clicks are additive (distinct counts are not): per grain and
    period, creatives' views and clicks add up to their campaign's, and
    campaigns' add up to segment_ctr's `all` row. -#}
with

campaigns as (

    select * from {{ ref('campaign_ctr') }}
    where period_grain != 'all_time'

),

creatives as (

    select * from {{ ref('creative_ctr') }}
    where period_grain != 'all_time'

),

segments as (

    select * from {{ ref('segment_ctr') }}
    where period_grain != 'all_time' and dimension = 'all'

),

creative_totals as (

    select
        period_grain,
        period_start,
        campaign_id,
        sum(views) as views,
        sum(clicks) as clicks

    from creatives
    group by 1, 2, 3

),

campaign_totals as (

    select
        period_grain,
        period_start,
        sum(views) as views,
        sum(clicks) as clicks

    from campaigns
    group by 1, 2

),

creative_mismatches as (

    select
        'creatives vs campaign' as comparison,
        campaigns.period_grain,
        campaigns.period_start,
        campaigns.campaign_id

    from campaigns
    full outer join creative_totals
        on
            campaigns.period_grain = creative_totals.period_grain
            and campaigns.period_start = creative_totals.period_start
            and campaigns.campaign_id = creative_totals.campaign_id
    where
        campaigns.views is null
        or creative_totals.views is null
        or campaigns.views != creative_totals.views
        or campaigns.clicks != creative_totals.clicks

),

campaign_mismatches as (

    select
        'campaigns vs segment all' as comparison,
        segments.period_grain,
        segments.period_start,
        null as campaign_id

    from segments
    full outer join campaign_totals
        on
            segments.period_grain = campaign_totals.period_grain
            and segments.period_start = campaign_totals.period_start
    where
        segments.views is null
        or campaign_totals.views is null
        or segments.views != campaign_totals.views
        or segments.clicks != campaign_totals.clicks

),

failures as (

    select * from creative_mismatches
    union all
    select * from campaign_mismatches

)

select * from failures
