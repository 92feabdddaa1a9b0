{{ config(severity='warn', tags=['tracking_warning']) }}
{#- Tracking warning: one row per UTC day (all channels) whose orphan-click
    share is above var tracking_max_orphan_click_share, judged on days with
    at least var tracking_min_daily_volume clicks in the denominator.
    Orphan-click share = orphan clicks / (orphan + machine + qualifying
    clicks): of the clicks that reached attribution (rule 6), the share that
    found no view. A spike means views went missing. -#}
with

health as (

    select * from {{ ref('tracking_health') }}

),

daily as (

    select
        date_day,
        sum(orphan_clicks) as orphan_clicks,
        sum(orphan_clicks + machine_clicks + qualifying_clicks)
            as attribution_clicks

    from health
    where date_day is not null
    group by 1

),

shares as (

    select
        *,
        {{ safe_divide('orphan_clicks', 'attribution_clicks') }}
            as orphan_click_share

    from daily

),

flagged as (

    select *
    from shares
    where
        attribution_clicks >= {{ checked_var('tracking_min_daily_volume') }}
        and orphan_click_share
        > {{ checked_var('tracking_max_orphan_click_share') }}

)

select * from flagged
