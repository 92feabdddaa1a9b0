{{ config(severity='warn', tags=['tracking_warning']) }}
{#- Tracking warning: one row per UTC day (all channels) whose unmapped-view
    share is above var tracking_max_unmapped_view_share, judged on days with
    at least var tracking_min_daily_volume counted views. Unmapped-view
    share = counted views by unmapped people (rule 8) / counted views. A
    burst means people the CRM does not know: account CTR misses them. -#}
with

health as (

    select * from {{ ref('tracking_health') }}

),

daily as (

    select
        date_day,
        sum(unmapped_views) as unmapped_views,
        sum(counted_views) as counted_views

    from health
    where date_day is not null
    group by 1

),

shares as (

    select
        *,
        {{ safe_divide('unmapped_views', 'counted_views') }}
            as unmapped_view_share

    from daily

),

flagged as (

    select *
    from shares
    where
        counted_views >= {{ checked_var('tracking_min_daily_volume') }}
        and unmapped_view_share
        > {{ checked_var('tracking_max_unmapped_view_share') }}

)

select * from flagged
