{#- Rule 3: valid rows that share an event id are one event; the earliest
    timestamp is kept. Views and clicks share the rule, so they share the
    model: one row per (event_type, event_id). Copies tied on the earliest
    timestamp are "identical in effect" by the contract; to stay
    deterministic on every engine the copy first in text order of
    (user_agent, empty first; person_email; campaign_id; creative_id) is
    kept.

    Incremental: a run reads the staged rows of its window (by the raw
    timestamp's day, a day early for offsets) and the stored copy of each
    event id it sees, so a late duplicate never displaces an earlier copy
    stored by a previous run. -#}
{{ config(
    materialized=incremental_materialization(),
    unique_key=['event_type', 'event_id'],
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}

{%- set window_start = incremental_window_start(
    'event_date', event_lookback_days() + 1
) %}

with

staged as (

    select * from {{ ref('int_events_staged') }}

),

valid_events as (

    select
        event_type,
        event_id,
        event_at,
        person_email,
        campaign_id,
        creative_id,
        user_agent

    from staged
    where
        not is_rejected
        and {{ is_in_staging_window('raw_event_day', window_start) }}

),

stored_copies as (

    {{ stored_rows_of(
        new_rows='valid_events',
        key_columns=['event_type', 'event_id'],
        columns=[
            'event_type', 'event_id', 'event_at', 'person_email',
            'campaign_id', 'creative_id', 'user_agent'
        ]
    ) }}

),

candidates as (

    select * from valid_events
    union all
    select * from stored_copies

),

ranked as (

    select
        *,
        row_number() over (
            partition by event_type, event_id
            order by
                event_at asc,
                user_agent asc nulls first,
                person_email asc,
                campaign_id asc,
                creative_id asc
        ) as copy_rank

    from candidates

),

deduplicated as (

    select
        event_type,
        event_id,
        event_at,
        cast(event_at as date) as event_date,
        person_email,
        campaign_id,
        creative_id,
        user_agent

    from ranked
    where copy_rank = 1

)

select * from deduplicated
