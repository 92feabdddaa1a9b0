{#- Rule 3: valid rows that share an event id are one event; views and
    clicks share the rule, so they share the model: one row per
    (event_type, event_id). The ids that arrived once (about 99 %) are
    their staged row; the ids that arrived more than once are their kept
    copy, from int_repeated_events_deduplicated.

    A view: the events are stored once, in int_events_staged, and every
    reader filters them by date through this view as it would a table (at
    10M views, reading through it cost the engagement fact no time). -#}
with

staged as (

    select * from {{ ref('int_events_staged') }}

),

repeated_events as (

    select * from {{ ref('int_repeated_events_deduplicated') }}

),

single_events as (

    select
        staged.event_type,
        staged.event_id,
        staged.event_at,
        staged.event_date,
        staged.person_email,
        staged.campaign_id,
        staged.creative_id,
        staged.user_agent

    from staged
    left join repeated_events
        on
            staged.event_type = repeated_events.event_type
            and staged.event_id = repeated_events.event_id
    where
        not staged.is_rejected
        and repeated_events.event_id is null

),

deduplicated as (

    select * from single_events

    union all

    select
        event_type,
        event_id,
        event_at,
        event_date,
        person_email,
        campaign_id,
        creative_id,
        user_agent

    from repeated_events

)

select * from deduplicated
