with

source as (

    select * from {{ raw_input('raw_views') }}

),

campaigns as (

    select * from {{ ref('stg_marketing__campaigns') }}

),

creatives as (

    select * from {{ ref('stg_marketing__creatives') }}

),

cleaned as (

    select
        {{ raw_value('view_id') }} as raw_view_id,
        {{ raw_value('viewed_at') }} as raw_viewed_at,
        {{ raw_event_day('viewed_at') }} as raw_event_day,
        {{ raw_value('email') }} as raw_email,
        {{ raw_value('campaign_id') }} as raw_campaign_id,
        {{ raw_value('creative_id') }} as raw_creative_id,
        {{ raw_value('user_agent') }} as raw_user_agent,
        {{ clean_text('view_id') }} as view_id,
        {{ clean_text('viewed_at') }} as viewed_at_text,
        {{ normalise_email('email') }} as person_email,
        {{ clean_text('campaign_id') }} as campaign_id,
        {{ clean_text('creative_id') }} as creative_id,
        {{ clean_text('user_agent') }} as user_agent

    from source

),

parsed as (

    select
        *,
        {{ parse_utc_timestamp('viewed_at_text') }} as viewed_at

    from cleaned

),

checked as (

    select
        parsed.*,
        {{ event_rejection_reason(
            event_id='parsed.view_id',
            event_at='parsed.viewed_at',
            email='parsed.person_email',
            known_campaign_id='campaigns.campaign_id',
            known_creative_id='creatives.creative_id'
        ) }} as rejection_reason

    from parsed
    left join campaigns
        on parsed.campaign_id = campaigns.campaign_id
    left join creatives
        on
            parsed.creative_id = creatives.creative_id
            and parsed.campaign_id = creatives.campaign_id

),

final as (

    select
        view_id,
        viewed_at,
        cast(viewed_at as date) as viewed_date,
        person_email,
        {{ email_domain('person_email') }} as email_domain,
        campaign_id,
        creative_id,
        user_agent,
        rejection_reason,
        rejection_reason is not null as is_rejected,
        raw_view_id,
        raw_viewed_at,
        raw_event_day,
        raw_email,
        raw_campaign_id,
        raw_creative_id,
        raw_user_agent

    from checked

)

select * from final
