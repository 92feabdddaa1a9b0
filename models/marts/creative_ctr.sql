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
        measured.campaign_id,
        measured.creative_id,
        creatives.creative_name,
        creatives.offer,
        creatives.is_control,
        measured.views,
        measured.clicks,
        measured.viewers,
        measured.clickers,
        coalesce(measured.period_key, measured.first_view_date)
            as period_start,
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
