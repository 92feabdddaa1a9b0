with

reach as (

    select * from {{ ref('int_reach_days_counted') }}

),

creatives as (

    select * from {{ ref('stg_marketing__creatives') }}

),

people_reach as (

    select * from reach
    where entity_type = 'person' and slice_type = 'creative'

),

people_by_period as (

    {{ reach_by_period('people_reach', ['slice_value']) }}

),

measured as (

    select
        period_grain,
        period_key,
        slice_value as creative_id,
        first_view_date,
        views,
        clicks,
        entities as viewers,
        clicking_entities as clickers

    from people_by_period

),

rated as (

    select
        measured.period_grain,
        creatives.campaign_id,
        measured.creative_id,
        creatives.creative_name,
        creatives.offer,
        creatives.is_control,
        measured.views,
        measured.clicks,
        measured.viewers,
        measured.clickers,
        {{ period_start_of(
            'measured.period_grain',
            'measured.period_key',
            'measured.first_view_date'
        ) }} as period_start,
        {{ person_rates() }}

    from measured
    inner join creatives
        on measured.creative_id = creatives.creative_id

),

controls as (

    select
        campaign_id,
        min(creative_id) as control_creative_id

    from creatives
    where is_control
    group by 1

),

compared as (

    select
        rated.*,
        control_rows.creative_id as control_creative_id,
        control_rows.ctr as control_ctr,
        {{ safe_divide('rated.ctr', 'control_rows.ctr') }} - 1 as ctr_lift,
        {{ two_proportion_z(
            'rated.clickers', 'rated.viewers',
            'control_rows.clickers', 'control_rows.viewers'
        ) }} as ctr_z_score

    from rated
    left join controls
        on rated.campaign_id = controls.campaign_id
    left join rated as control_rows
        on
            controls.control_creative_id = control_rows.creative_id
            and rated.creative_id != control_rows.creative_id
            and rated.period_grain = control_rows.period_grain
            and (
                rated.period_start = control_rows.period_start
                or rated.period_grain = 'all_time'
            )

),

final as (

    select
        *,
        {{ is_significant('ctr_z_score') }} as is_significant

    from compared

)

select * from final
