{#- Rule 1: every rejected raw view and click row, with its reason and its
    raw columns as they arrived. A raw row is named by the fingerprint of its
    values and, for identical copies, its occurrence among them. -#}
with

staged as (

    select * from {{ ref('int_events_staged') }}

),

rejected as (

    select
        event_type,
        rejection_reason as reason,
        raw_event_id,
        raw_event_at,
        raw_email,
        raw_campaign_id,
        raw_creative_id,
        raw_user_agent

    from staged
    where is_rejected

),

fingerprinted as (

    select
        *,
        {{ row_fingerprint([
            'raw_event_id', 'raw_event_at', 'raw_email',
            'raw_campaign_id', 'raw_creative_id', 'raw_user_agent'
        ]) }} as raw_row_fingerprint

    from rejected

),

identified as (

    select
        event_type,
        raw_row_fingerprint,
        cast(row_number() over (
            partition by event_type, raw_row_fingerprint
            order by raw_row_fingerprint
        ) as {{ type_count() }}) as raw_row_occurrence,
        reason,
        raw_event_id,
        raw_event_at,
        raw_email,
        raw_campaign_id,
        raw_creative_id,
        raw_user_agent

    from fingerprinted

)

select * from identified
