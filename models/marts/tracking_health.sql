{#- Section 5: every raw view and click row counted once, at the stage that
    excluded it or as counted, on its own UTC date (null when its timestamp
    was invalid) and its campaign's channel (`unknown` when the campaign is
    unknown). Every figure comes from the pipeline's own models, so it
    agrees with the CTR marts. A duplicate copy is counted on its own date:
    per date and channel, duplicates = valid raw rows - kept events.

    Incremental: a run deletes and recounts the dates of its window (the
    engagement fact's, and a day for offsets) and the row of invalid
    timestamps (null date), which any run can add to. -#}
{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_recounted_days() }}",
) }}

{%- set recount_from = incremental_window_start(
    'date_day', tracking_lookback_days()
) %}

with

staged as (

    select * from {{ ref('int_events_staged') }}

),

events as (

    select * from {{ ref('int_events_screened') }}

),

click_outcomes as (

    select * from {{ ref('int_clicks_qualified') }}

),

engagement as (

    select * from {{ ref('fct_person_engagement') }}

),

campaigns as (

    select * from {{ ref('stg_marketing__campaigns') }}

),

raw_rows as (

    -- Raw rows per type, date, campaign and rejection: every source is
    -- counted on its own before the outcomes are stacked, so the stack
    -- holds thousands of rows, not several copies of every event.
    select
        event_type,
        event_date as date_day,
        campaign_id,
        is_rejected,
        count(*) as row_count

    from staged
    where
        {{ is_on_or_after('event_date', recount_from) }}
        or event_date is null
    group by 1, 2, 3, 4

),

recent_events as (

    select
        event_type,
        event_date as date_day,
        campaign_id,
        is_invalid_traffic,
        count(*) as row_count

    from events
    where {{ is_on_or_after('event_date', recount_from) }}
    group by 1, 2, 3, 4

),

recent_engagement as (

    select
        view_date as date_day,
        campaign_id,
        account_id is null as is_unmapped,
        sum(views) as row_count

    from engagement
    where {{ is_on_or_after('view_date', recount_from) }}
    group by 1, 2, 3

),

recent_click_outcomes as (

    select
        clicked_date as date_day,
        campaign_id,
        click_outcome,
        count(*) as row_count

    from click_outcomes
    where {{ is_on_or_after('clicked_date', recount_from) }}
    group by 1, 2, 3

),

outcomes as (

    select
        event_type,
        date_day,
        campaign_id,
        'raw' as outcome,
        row_count as row_delta

    from raw_rows

    union all

    select
        event_type,
        date_day,
        campaign_id,
        case when is_rejected then 'rejected' else 'duplicate' end as outcome,
        row_count as row_delta

    from raw_rows

    union all

    select
        event_type,
        date_day,
        campaign_id,
        'duplicate' as outcome,
        -row_count as row_delta

    from recent_events

    union all

    select
        event_type,
        date_day,
        campaign_id,
        'invalid_traffic' as outcome,
        row_count as row_delta

    from recent_events
    where is_invalid_traffic

    union all

    select
        'view' as event_type,
        date_day,
        campaign_id,
        case
            when is_unmapped then 'counted_unmapped'
            else 'counted_mapped'
        end as outcome,
        row_count as row_delta

    from recent_engagement

    union all

    select
        'click' as event_type,
        date_day,
        campaign_id,
        click_outcome as outcome,
        row_count as row_delta

    from recent_click_outcomes

),

labelled as (

    select
        outcomes.event_type,
        outcomes.date_day,
        outcomes.outcome,
        outcomes.row_delta,
        -- the contract's string type: an incremental run compares the new
        -- rows' types with the table's
        cast(
            coalesce(campaigns.channel, 'unknown') as {{ type_string() }}
        ) as channel

    from outcomes
    left join campaigns
        on outcomes.campaign_id = campaigns.campaign_id

),

pivoted as (

    select
        date_day,
        channel,
        {{ count_outcome('view', ['raw']) }} as raw_views,
        {{ count_outcome('view', ['rejected']) }} as rejected_views,
        {{ count_outcome('view', ['duplicate']) }} as duplicate_views,
        {{ count_outcome('view', ['invalid_traffic']) }}
            as invalid_traffic_views,
        {{ count_outcome('view', ['counted_mapped', 'counted_unmapped']) }}
            as counted_views,
        {{ count_outcome('view', ['counted_unmapped']) }} as unmapped_views,
        {{ count_outcome('click', ['raw']) }} as raw_clicks,
        {{ count_outcome('click', ['rejected']) }} as rejected_clicks,
        {{ count_outcome('click', ['duplicate']) }} as duplicate_clicks,
        {{ count_outcome('click', ['invalid_traffic']) }}
            as invalid_traffic_clicks,
        {{ count_outcome('click', ['double_click']) }} as double_clicks,
        {{ count_outcome('click', ['orphan']) }} as orphan_clicks,
        {{ count_outcome('click', ['machine']) }} as machine_clicks,
        {{ count_outcome('click', ['qualifying']) }} as qualifying_clicks

    from labelled
    group by 1, 2

)

select * from pivoted
