with

reach as (

    select * from {{ ref('int_reach_days_counted') }}

),

all_campaigns as (

    -- The segments of people and of accounts: all campaigns as one (also
    -- split by the person's or account's industry and size band), and each
    -- campaign dimension. An unmapped person's industry and size band are
    -- unknown (rule 10).
    select * from reach
    where slice_type = 'all'

),

campaign_dimensions as (

    select
        reach.*,
        reach.slice_type as dimension,
        reach.slice_value as dimension_value

    from reach
    where reach.slice_type in ('channel', 'audience', 'funnel_stage')

),

segmented as (

    {{ stack_segments(
        'all_campaigns',
        ['industry', 'company_size_band'],
        'dimension',
        'dimension_value'
    ) }}
    union all
    select * from campaign_dimensions

),

segmented_by_period as (

    {{ reach_by_period(
        'segmented', ['entity_type', 'dimension', 'dimension_value']
    ) }}

),

people_by_period as (

    select * from segmented_by_period
    where entity_type = 'person'

),

accounts_by_period as (

    select * from segmented_by_period
    where entity_type = 'account'

),

measured as (

    {{ people_with_accounts(
        'people_by_period',
        'accounts_by_period',
        ['dimension', 'dimension_value']
    ) }}

),

rated as (

    select
        period_grain,
        {{ period_start_of(
            'period_grain', 'period_key', 'first_view_date'
        ) }} as period_start,
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
