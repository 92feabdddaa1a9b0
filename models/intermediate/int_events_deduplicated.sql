{#- Rule 3: valid rows that share an event id are one event; the earliest
    timestamp is kept. Views and clicks share the rule, so they share the
    model: one row per (event_type, event_id). Copies tied on the earliest
    timestamp are "identical in effect" by the contract; to stay
    deterministic on every engine the copy first in text order of
    (user_agent, empty first; person_email; campaign_id; creative_id) is
    kept. -#}
with

views as (

    select * from {{ ref('stg_tracking__views') }}

),

clicks as (

    select * from {{ ref('stg_tracking__clicks') }}

),

valid_events as (

    select
        'view' as event_type,
        view_id as event_id,
        viewed_at as event_at,
        person_email,
        email_domain,
        campaign_id,
        creative_id,
        user_agent

    from views
    where not is_rejected

    union all

    select
        'click' as event_type,
        click_id as event_id,
        clicked_at as event_at,
        person_email,
        email_domain,
        campaign_id,
        creative_id,
        user_agent

    from clicks
    where not is_rejected

),

ranked as (

    select
        *,
        count(*) over (
            partition by event_type, event_id
        ) as valid_copy_count,
        row_number() over (
            partition by event_type, event_id
            order by
                event_at asc,
                user_agent asc nulls first,
                person_email asc,
                campaign_id asc,
                creative_id asc
        ) as copy_rank

    from valid_events

),

deduplicated as (

    select
        event_type,
        event_id,
        event_at,
        cast(event_at as date) as event_date,
        person_email,
        email_domain,
        campaign_id,
        creative_id,
        user_agent,
        valid_copy_count

    from ranked
    where copy_rank = 1

)

select * from deduplicated
