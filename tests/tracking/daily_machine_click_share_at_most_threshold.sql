{{ config(severity='warn', tags=['tracking_warning']) }}
{#- Tracking warning: one row per UTC day (all channels) whose machine-click
    share is above var tracking_max_machine_click_share, judged on days with
    at least var tracking_min_daily_volume clicks in the denominator.
    Machine-click share = machine clicks / (machine + qualifying clicks): of
    the clicks attributed to a view (rule 6), the share that came less than
    min_seconds_view_to_click after it (rule 7). A spike means a scanner or
    prefetcher is clicking. -#}
with

health as (

    select * from {{ ref('tracking_health') }}

),

daily as (

    select
        date_day,
        sum(machine_clicks) as machine_clicks,
        sum(machine_clicks + qualifying_clicks) as attributed_clicks

    from health
    where date_day is not null
    group by 1

),

shares as (

    select
        *,
        {{ safe_divide('machine_clicks', 'attributed_clicks') }}
            as machine_click_share

    from daily

),

flagged as (

    select *
    from shares
    where
        attributed_clicks >= {{ checked_var('tracking_min_daily_volume') }}
        and machine_click_share
        > {{ checked_var('tracking_max_machine_click_share') }}

)

select * from flagged
