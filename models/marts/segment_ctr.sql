with

engagement as (

    select * from {{ ref('fct_person_engagement') }}

),

campaigns as (

    select * from {{ ref('stg_marketing__campaigns') }}

),

accounts as (

    select * from {{ ref('dim_accounts') }}

),

described as (

    select
        engagement.*,
        campaigns.channel,
        coalesce(campaigns.audience, 'unknown') as audience,
        coalesce(campaigns.funnel_stage, 'unknown') as funnel_stage,
        coalesce(accounts.industry, 'unknown') as industry,
        coalesce(accounts.company_size_band, 'unknown') as company_size_band

    from engagement
    inner join campaigns
        on engagement.campaign_id = campaigns.campaign_id
    left join accounts
        on engagement.account_id = accounts.account_id

),

segmented as (

    {{ stack_segments(
        'described',
        ['channel', 'audience', 'funnel_stage', 'industry', 'company_size_band'],
        'dimension',
        'dimension_value'
    ) }}

),

segmented_by_period as (

    {{ expand_to_periods('segmented', 'view_date') }}

),

measured as (

    select
        period_grain,
        period_key,
        dimension,
        dimension_value,
        min(view_date) as first_view_date,
        {{ person_measures() }},
        {{ account_measures() }}

    from segmented_by_period
    group by 1, 2, 3, 4

),

rated as (

    select
        period_grain,
        coalesce(period_key, first_view_date) as period_start,
        dimension,
        dimension_value,
        views,
        clicks,
        viewers,
        clickers,
        {{ person_rates() }},
        accounts_viewed,
        accounts_clicked,
        {{ account_rates() }}

    from measured

)

select * from rated
