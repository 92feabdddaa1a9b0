{#- Rule 1: every rejected raw view and click row, with its reason and its
    raw columns as they arrived. A raw row is named by the fingerprint of its
    values and, for identical copies, its occurrence among them. -#}
with

views as (

    select * from {{ ref('stg_tracking__views') }}

),

clicks as (

    select * from {{ ref('stg_tracking__clicks') }}

),

rejected as (

    select
        'view' as event_type,
        rejection_reason as reason,
        raw_view_id as raw_event_id,
        raw_viewed_at as raw_event_at,
        raw_email,
        raw_campaign_id,
        raw_creative_id,
        raw_user_agent

    from views
    where is_rejected

    union all

    select
        'click' as event_type,
        rejection_reason as reason,
        raw_click_id as raw_event_id,
        raw_clicked_at as raw_event_at,
        raw_email,
        raw_campaign_id,
        raw_creative_id,
        raw_user_agent

    from clicks
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
