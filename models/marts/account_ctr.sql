with

reach as (

    select * from {{ ref('int_reach_days_counted') }}

),

account_reach as (

    select * from reach
    where entity_type = 'account' and slice_type = 'campaign'

),

-- Each account has one industry and one size band, so the accounts of a
-- segment are the segment's rows of the campaign's reach.
segmented as (

    {{ stack_segments(
        'account_reach',
        ['industry', 'company_size_band'],
        'segment_type',
        'segment_value'
    ) }}

),

segmented_by_period as (

    {{ reach_by_period(
        'segmented', ['slice_value', 'segment_type', 'segment_value']
    ) }}

),

measured as (

    select
        period_grain,
        {{ period_start_of(
            'period_grain', 'period_key', 'first_view_date'
        ) }} as period_start,
        slice_value as campaign_id,
        segment_type,
        segment_value,
        entities as accounts_viewed,
        clicking_entities as accounts_clicked

    from segmented_by_period

),

rated as (

    select
        *,
        {{ account_rates() }}

    from measured

)

select * from rated
