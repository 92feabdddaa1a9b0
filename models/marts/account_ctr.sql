with

engagement as (

    select * from {{ ref('fct_person_engagement') }}

),

accounts as (

    select * from {{ ref('dim_accounts') }}

),

mapped_engagement as (

    select
        engagement.*,
        accounts.industry,
        accounts.company_size_band

    from engagement
    inner join accounts
        on engagement.account_id = accounts.account_id

),

segmented as (

    {{ stack_segments(
        'mapped_engagement',
        ['industry', 'company_size_band'],
        'segment_type',
        'segment_value'
    ) }}

),

segmented_by_period as (

    {{ expand_to_periods('segmented', 'view_date') }}

),

measured as (

    select
        period_grain,
        period_key,
        campaign_id,
        segment_type,
        segment_value,
        min(view_date) as first_view_date,
        {{ account_measures() }}

    from segmented_by_period
    group by 1, 2, 3, 4, 5

),

rated as (

    select
        period_grain,
        coalesce(period_key, first_view_date) as period_start,
        campaign_id,
        segment_type,
        segment_value,
        accounts_viewed,
        accounts_clicked,
        {{ account_rates() }}

    from measured

)

select * from rated
