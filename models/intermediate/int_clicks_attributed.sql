{#- Rule 6: a click qualifies when the same person viewed the same creative
    at or before the click and at most attribution_window_days before it; it
    is attributed to the latest such view (ties: the smallest view id).

    Incremental: a run rewrites the clicks of its window (late_arrival_days)
    and searches the views from attribution_window_days before it. -#}
{{ config(
    materialized=incremental_materialization(),
    unique_key='click_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}

{%- set window_start = incremental_window_start(
    'clicked_date', event_lookback_days()
) %}
{%- set views_window_start = none if window_start is none else (
    modules.datetime.date.fromisoformat(window_start)
    - modules.datetime.timedelta(days=var('attribution_window_days') | int + 1)
).isoformat() %}

with

clicks as (

    select * from {{ ref('int_clicks_double_flagged') }}

),

events as (

    select * from {{ ref('int_events_screened') }}

),

human_views as (

    select
        event_id as view_id,
        event_at as viewed_at,
        event_date as viewed_date,
        person_email,
        creative_id

    from events
    where
        event_type = 'view'
        and not is_invalid_traffic
        and {{ is_on_or_after('event_date', views_window_start) }}

),

window_clicks as (

    select * from clicks
    where {{ is_on_or_after('clicked_date', window_start) }}

),

remaining_clicks as (

    select * from window_clicks
    where not is_double_click

),

clicked_pairs as (

    select distinct
        person_email,
        creative_id

    from remaining_clicks

),

candidate_views as (

    -- Only a person's views of a creative they clicked can be attributed:
    -- about one view in twenty, so the search below sorts far fewer rows.
    select human_views.*

    from human_views
    inner join clicked_pairs
        on
            human_views.person_email = clicked_pairs.person_email
            and human_views.creative_id = clicked_pairs.creative_id

),

latest_views as (

    {{ latest_view_before_click(
        clicks='remaining_clicks',
        views='candidate_views',
        window_seconds=checked_var('attribution_window_days') * 86400
    ) }}

),

attributed as (

    select
        clicks.*,
        latest_views.view_id as attributed_view_id,
        latest_views.viewed_at as attributed_viewed_at,
        latest_views.viewed_date as attributed_view_date,
        not clicks.is_double_click
        and latest_views.view_id is null as is_orphan_click

    from window_clicks as clicks
    left join latest_views
        on clicks.click_id = latest_views.click_id

)

select * from attributed
