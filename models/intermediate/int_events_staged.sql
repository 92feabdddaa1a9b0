{#- Every raw view and click row, staged once (rules 1 and 2 applied by the
    staging models) and stored, so the models after it never parse raw text
    again. The raw columns are kept for rejected rows only (rejected_events
    shows them); a valid row is its cleaned values.

    Incremental: raw inputs carry no load time, so a run restages the rows
    whose raw timestamp text starts on a day of its window (late_arrival_days
    and a day for offsets) and the rows whose text is not date-shaped (they
    belong to no day); older rows are stored already. -#}
{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_unstaged_rows() }}",
) }}

{%- set window_start = staging_window_start() %}

with

views as (

    select * from {{ ref('stg_tracking__views') }}

),

clicks as (

    select * from {{ ref('stg_tracking__clicks') }}

),

staged as (

    select
        'view' as event_type,
        view_id as event_id,
        viewed_at as event_at,
        viewed_date as event_date,
        person_email,
        campaign_id,
        creative_id,
        user_agent,
        rejection_reason,
        is_rejected,
        raw_event_day,
        raw_view_id as raw_event_id,
        raw_viewed_at as raw_event_at,
        raw_email,
        raw_campaign_id,
        raw_creative_id,
        raw_user_agent

    from views
    where {{ is_in_staging_window('raw_event_day', window_start) }}

    union all

    select
        'click' as event_type,
        click_id as event_id,
        clicked_at as event_at,
        clicked_date as event_date,
        person_email,
        campaign_id,
        creative_id,
        user_agent,
        rejection_reason,
        is_rejected,
        raw_event_day,
        raw_click_id as raw_event_id,
        raw_clicked_at as raw_event_at,
        raw_email,
        raw_campaign_id,
        raw_creative_id,
        raw_user_agent

    from clicks
    where {{ is_in_staging_window('raw_event_day', window_start) }}

),

final as (

    select
        event_type,
        event_id,
        event_at,
        event_date,
        person_email,
        campaign_id,
        creative_id,
        user_agent,
        rejection_reason,
        is_rejected,
        raw_event_day,
        {{ kept_if_rejected('raw_event_id') }} as raw_event_id,
        {{ kept_if_rejected('raw_event_at') }} as raw_event_at,
        {{ kept_if_rejected('raw_email') }} as raw_email,
        {{ kept_if_rejected('raw_campaign_id') }} as raw_campaign_id,
        {{ kept_if_rejected('raw_creative_id') }} as raw_creative_id,
        {{ kept_if_rejected('raw_user_agent') }} as raw_user_agent

    from staged

)

select * from final
