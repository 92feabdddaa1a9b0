with

source as (

    select * from {{ raw_input('raw_clicks') }}

),

campaigns as (

    select * from {{ ref('stg_marketing__campaigns') }}

),

creatives as (

    select * from {{ ref('stg_marketing__creatives') }}

),

cleaned as (

    select
        {{ raw_value('click_id') }} as raw_click_id,
        {{ raw_value('clicked_at') }} as raw_clicked_at,
        {{ raw_event_day('clicked_at') }} as raw_event_day,
        {{ raw_value('email') }} as raw_email,
        {{ raw_value('campaign_id') }} as raw_campaign_id,
        {{ raw_value('creative_id') }} as raw_creative_id,
        {{ raw_value('user_agent') }} as raw_user_agent,
        {{ clean_text('click_id') }} as click_id,
        {{ clean_text('clicked_at') }} as clicked_at_text,
        {{ normalise_email('email') }} as person_email,
        {{ clean_text('campaign_id') }} as campaign_id,
        {{ clean_text('creative_id') }} as creative_id,
        {{ clean_text('user_agent') }} as user_agent

    from source

),

parsed as (

    select
        *,
        {{ parse_utc_timestamp('clicked_at_text') }} as clicked_at

    from cleaned

),

checked as (

    select
        parsed.*,
        {{ event_rejection_reason(
            event_id='parsed.click_id',
            event_at='parsed.clicked_at',
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
        click_id,
        clicked_at,
        cast(clicked_at as date) as clicked_date,
        person_email,
        {{ email_domain('person_email') }} as email_domain,
        campaign_id,
        creative_id,
        user_agent,
        rejection_reason,
        rejection_reason is not null as is_rejected,
        raw_click_id,
        raw_clicked_at,
        raw_event_day,
        raw_email,
        raw_campaign_id,
        raw_creative_id,
        raw_user_agent

    from checked

)

select * from final
