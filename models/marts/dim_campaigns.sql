with

campaigns as (

    select * from {{ ref('stg_marketing__campaigns') }}

),

described as (

    select
        campaign_id,
        campaign_name,
        channel,
        coalesce(audience, 'unknown') as audience,
        coalesce(funnel_stage, 'unknown') as funnel_stage

    from campaigns

)

select * from described
