{#- Section 5: every raw view and click row counted once, at the stage that
    excluded it or as counted, on its own UTC date (null when its timestamp
    was invalid) and its campaign's channel (`unknown` when the campaign is
    unknown). Every figure comes from the pipeline's own models, so it
    agrees with the CTR marts. A duplicate copy is counted on its own date:
    per date and channel, duplicates = valid raw rows - kept events. -#}
with

views as (

    select * from {{ ref('stg_tracking__views') }}

),

clicks as (

    select * from {{ ref('stg_tracking__clicks') }}

),

events as (

    select * from {{ ref('int_events_screened') }}

),

click_outcomes as (

    select * from {{ ref('int_clicks_qualified') }}

),

people as (

    select * from {{ ref('int_people_resolved') }}

),

campaigns as (

    select * from {{ ref('stg_marketing__campaigns') }}

),

raw_rows as (

    select
        'view' as event_type,
        viewed_date as date_day,
        campaign_id,
        is_rejected

    from views

    union all

    select
        'click' as event_type,
        clicked_date as date_day,
        campaign_id,
        is_rejected

    from clicks

),

stages as (

    select
        event_type,
        date_day,
        campaign_id,
        'raw' as stage,
        1 as row_count

    from raw_rows

    union all

    select
        event_type,
        date_day,
        campaign_id,
        case when is_rejected then 'rejected' else 'duplicate' end as stage,
        1 as row_count

    from raw_rows

    union all

    -- each kept event is one valid row that is not a duplicate
    select
        event_type,
        event_date as date_day,
        campaign_id,
        'duplicate' as stage,
        -1 as row_count

    from events

    union all

    select
        events.event_type,
        events.event_date as date_day,
        events.campaign_id,
        case
            when events.is_invalid_traffic then 'invalid_traffic'
            when people.account_id is null then 'counted_unmapped'
            else 'counted_mapped'
        end as stage,
        1 as row_count

    from events
    left join people
        on events.person_email = people.person_email
    where events.event_type = 'view' or events.is_invalid_traffic

    union all

    select
        'click' as event_type,
        clicked_date as date_day,
        campaign_id,
        click_outcome as stage,
        1 as row_count

    from click_outcomes

),

labelled as (

    select
        stages.event_type,
        stages.date_day,
        coalesce(campaigns.channel, 'unknown') as channel,
        stages.stage,
        stages.row_count

    from stages
    left join campaigns
        on stages.campaign_id = campaigns.campaign_id

),

pivoted as (

    select
        date_day,
        channel,
        {%- for event_type, stage, column_name in [
            ('view', ['raw'], 'raw_views'),
            ('view', ['rejected'], 'rejected_views'),
            ('view', ['duplicate'], 'duplicate_views'),
            ('view', ['invalid_traffic'], 'invalid_traffic_views'),
            ('view', ['counted_mapped', 'counted_unmapped'], 'counted_views'),
            ('view', ['counted_unmapped'], 'unmapped_views'),
            ('click', ['raw'], 'raw_clicks'),
            ('click', ['rejected'], 'rejected_clicks'),
            ('click', ['duplicate'], 'duplicate_clicks'),
            ('click', ['invalid_traffic'], 'invalid_traffic_clicks'),
            ('click', ['double_click'], 'double_clicks'),
            ('click', ['orphan'], 'orphan_clicks'),
            ('click', ['machine'], 'machine_clicks'),
            ('click', ['qualifying'], 'qualifying_clicks'),
        ] %}
        cast(coalesce(sum(
            case
                when
                    event_type = '{{ event_type }}'
                    and stage in ('{{ stage | join("', '") }}')
                    then row_count
            end
        ), 0) as {{ type_count() }}) as {{ column_name }}
        {%- if not loop.last %},{% endif %}
        {%- endfor %}

    from labelled
    group by 1, 2

)

select * from pivoted
