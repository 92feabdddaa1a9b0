{#- Incremental: a run deletes and rebuilds every view date of its window
    (late_arrival_days plus attribution_window_days, since a late click
    counts on the date of a view up to 7 days before it). -#}
{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    on_schema_change='fail',
) }}

{%- set window_start = incremental_window_start(
    'view_date', engagement_lookback_days()
) %}

with

events as (

    select * from {{ ref('int_events_screened') }}

),

clicks as (

    select * from {{ ref('int_clicks_qualified') }}

),

people as (

    select * from {{ ref('int_people_resolved') }}

),

views_per_day as (

    select
        event_date as view_date,
        person_email,
        campaign_id,
        creative_id,
        count(*) as views

    from events
    where
        event_type = 'view'
        and not is_invalid_traffic
        and {{ is_on_or_after('event_date', window_start) }}
    group by 1, 2, 3, 4

),

clicks_per_view_day as (

    select
        attributed_view_date as view_date,
        person_email,
        creative_id,
        count(*) as clicks

    from clicks
    where
        click_outcome = 'qualifying'
        and {{ is_on_or_after('attributed_view_date', window_start) }}
    group by 1, 2, 3

),

joined as (

    select
        views_per_day.view_date,
        -- Cast to the contract's string type: an incremental run compares
        -- the new rows' types with the table's (on_schema_change), and an
        -- engine may type these expressions as another string type than
        -- the contract's (text where the contract created varchar).
        cast(people.person_key as {{ type_string() }}) as person_key,
        people.person_id,
        cast(views_per_day.campaign_id as {{ type_string() }}) as campaign_id,
        cast(views_per_day.creative_id as {{ type_string() }}) as creative_id,
        cast(people.account_id as {{ type_string() }}) as account_id,
        cast(views_per_day.views as {{ type_count() }}) as views,
        cast(
            coalesce(clicks_per_view_day.clicks, 0) as {{ type_count() }}
        ) as clicks,
        coalesce(clicks_per_view_day.clicks, 0) > 0 as has_clicked

    from views_per_day
    inner join people
        on views_per_day.person_email = people.person_email
    left join clicks_per_view_day
        on
            views_per_day.view_date = clicks_per_view_day.view_date
            and views_per_day.person_email = clicks_per_view_day.person_email
            and views_per_day.creative_id = clicks_per_view_day.creative_id

)

select * from joined
