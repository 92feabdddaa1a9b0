{#- Rule 4: an event whose user agent contains any of
    invalid_traffic_user_agent_patterns is invalid traffic. -#}
with

events as (

    select * from {{ ref('int_events_deduplicated') }}

),

screened as (

    select
        *,
        {{ is_invalid_traffic('user_agent') }} as is_invalid_traffic

    from events

)

select * from screened
