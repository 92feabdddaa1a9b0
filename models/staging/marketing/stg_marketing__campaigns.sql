with

source as (

    select * from {{ raw_input('raw_campaigns') }}

),

cleaned as (

    select
        {{ clean_text('campaign_id') }} as campaign_id,
        {{ clean_text('campaign_name') }} as campaign_name,
        coalesce(lower({{ clean_text('channel') }}), 'unknown') as channel,
        {{ clean_text('audience') }} as audience,
        {{ clean_text('funnel_stage') }} as funnel_stage

    from source

),

ranked as (

    select
        *,
        row_number() over (
            partition by campaign_id
            order by
                campaign_name asc nulls first,
                channel asc nulls first,
                audience asc nulls first,
                funnel_stage asc nulls first
        ) as record_rank

    from cleaned
    where campaign_id is not null

),

deduplicated as (

    select
        campaign_id,
        campaign_name,
        channel,
        audience,
        funnel_stage

    from ranked
    where record_rank = 1

)

select * from deduplicated
