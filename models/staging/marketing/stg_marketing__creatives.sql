with

source as (

    select * from {{ raw_input('raw_creatives') }}

),

cleaned as (

    select
        {{ clean_text('creative_id') }} as creative_id,
        {{ clean_text('campaign_id') }} as campaign_id,
        {{ clean_text('creative_name') }} as creative_name,
        {{ clean_text('offer') }} as offer,
        {{ is_true_text('is_control') }} as is_control

    from source

),

ranked as (

    select
        *,
        row_number() over (
            partition by creative_id
            order by
                campaign_id asc nulls first,
                creative_name asc nulls first,
                offer asc nulls first,
                is_control asc
        ) as record_rank

    from cleaned
    where creative_id is not null

),

deduplicated as (

    select
        creative_id,
        campaign_id,
        creative_name,
        offer,
        is_control

    from ranked
    where record_rank = 1

)

select * from deduplicated
