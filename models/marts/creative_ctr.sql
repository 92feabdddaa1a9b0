with

engagement as (

    select * from {{ ref('fct_person_engagement') }}

),

creatives as (

    select * from {{ ref('stg_marketing__creatives') }}

),

engagement_by_period as (

    {{ expand_to_periods('engagement', 'view_date') }}

),

measured as (

    select
        period_grain,
        period_key,
        campaign_id,
        creative_id,
        min(view_date) as first_view_date,
        {{ person_measures() }}

    from engagement_by_period
    group by 1, 2, 3, 4

),

rated as (

    select
        measured.period_grain,
        coalesce(measured.period_key, measured.first_view_date)
        as period_start,
        measured.campaign_id,
        measured.creative_id,
        creatives.creative_name,
        creatives.offer,
        creatives.is_control,
        measured.views,
        measured.clicks,
        measured.viewers,
        measured.clickers,
        {{ person_rates() }}

    from measured
    inner join creatives
        on measured.creative_id = creatives.creative_id

)

select * from rated
