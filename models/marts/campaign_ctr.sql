with

reach as (

    select * from {{ ref('int_reach_days_counted') }}

),

campaigns as (

    select * from {{ ref('stg_marketing__campaigns') }}

),

people_reach as (

    select * from reach
    where entity_type = 'person' and slice_type = 'campaign'

),

account_reach as (

    select * from reach
    where entity_type = 'account' and slice_type = 'campaign'

),

people_by_period as (

    {{ reach_by_period('people_reach', ['slice_value']) }}

),

accounts_by_period as (

    {{ reach_by_period('account_reach', ['slice_value']) }}

),

joined as (

    {{ people_with_accounts(
        'people_by_period', 'accounts_by_period', ['slice_value']
    ) }}

),

measured as (

    select
        *,
        slice_value as campaign_id

    from joined

),

rated as (

    select
        measured.period_grain,
        {{ period_start_of(
            'measured.period_grain',
            'measured.period_key',
            'measured.first_view_date'
        ) }} as period_start,
        measured.campaign_id,
        campaigns.campaign_name,
        campaigns.channel,
        campaigns.audience,
        campaigns.funnel_stage,
        measured.views,
        measured.clicks,
        measured.viewers,
        measured.clickers,
        {{ person_rates() }},
        measured.accounts_viewed,
        measured.accounts_clicked,
        {{ account_rates() }}

    from measured
    inner join campaigns
        on measured.campaign_id = campaigns.campaign_id

),

with_previous_period as (

    select
        current_period.*,
        previous_period.ctr as previous_ctr,
        {{ two_proportion_z(
            'current_period.clickers', 'current_period.viewers',
            'previous_period.clickers', 'previous_period.viewers'
        ) }} as ctr_change_z_score

    from rated as current_period
    left join rated as previous_period
        on
            current_period.campaign_id = previous_period.campaign_id
            and current_period.period_grain = previous_period.period_grain
            and {{ previous_period_start(
                'current_period.period_grain', 'current_period.period_start'
            ) }} = previous_period.period_start

),

final as (

    select
        *,
        {{ is_significant('ctr_change_z_score') }} as is_significant_change

    from with_previous_period

)

select * from final
