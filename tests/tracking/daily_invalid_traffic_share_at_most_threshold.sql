{{ config(severity='warn', tags=['tracking_warning']) }}
{#- Tracking warning: one row per UTC day (all channels) whose
    invalid-traffic share is above var tracking_max_invalid_traffic_share,
    judged on days with at least var tracking_min_daily_volume events in the
    denominator. Invalid-traffic share = (invalid-traffic views + clicks) /
    (views + clicks left after rules 1-3, i.e. raw rows neither rejected nor
    duplicate): the share of distinct valid events a bot produced (rule 4).
    A spike means a bot storm. -#}
with

health as (

    select * from {{ ref('tracking_health') }}

),

daily as (

    select
        date_day,
        sum(invalid_traffic_views + invalid_traffic_clicks)
            as invalid_traffic_events,
        sum(
            raw_views - rejected_views - duplicate_views
            + raw_clicks - rejected_clicks - duplicate_clicks
        ) as valid_events

    from health
    where date_day is not null
    group by 1

),

shares as (

    select
        *,
        {{ safe_divide('invalid_traffic_events', 'valid_events') }}
            as invalid_traffic_share

    from daily

),

flagged as (

    select *
    from shares
    where
        valid_events >= {{ checked_var('tracking_min_daily_volume') }}
        and invalid_traffic_share
        > {{ checked_var('tracking_max_invalid_traffic_share') }}

)

select * from flagged
