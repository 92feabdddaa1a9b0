with

creatives as (

    select * from {{ ref('stg_marketing__creatives') }}

),

described as (

    select
        creative_id,
        campaign_id,
        creative_name,
        offer,
        is_control

    from creatives

)

select * from described
