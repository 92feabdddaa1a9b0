{#- Daily reach per slice: how many people and accounts were active in a
    slice on a day, and how many of them were new in that day's week, month
    or ever. The marts sum these over a period's days, so every distinct
    count is computed from events and never summed across periods (see
    macros/reach.sql). Incremental: a run recounts the days from the
    settled state's boundary, using that state for each entity's previous
    active day. -#}
{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_uncounted_days() }}",
) }}

{%- set restart = reach_restart_date() %}

with

engagement as (

    select * from {{ ref('fct_person_engagement') }}

),

settled as (

    select * from {{ ref('int_engagement_pairs_settled') }}

),

campaigns as (

    select * from {{ ref('stg_marketing__campaigns') }}

),

accounts as (

    select * from {{ ref('dim_accounts') }}

),

recent_engagement as (

    select
        view_date,
        person_id,
        account_id,
        campaign_id,
        creative_id,
        views,
        clicks,
        case when has_clicked then view_date end as click_date,
        0 as is_settled

    from engagement
    where {{ is_on_or_after('view_date', restart) }}

),

settled_people as (

    -- Each person's last settled day per creative, for the people counted
    -- this run (on a full build nothing is settled before the first day
    -- counted). Their account is left out: accounts come next.
    select
        settled.last_view_date as view_date,
        settled.person_id,
        cast(null as {{ type_string() }}) as account_id,
        settled.campaign_id,
        settled.creative_id,
        0 as views,
        0 as clicks,
        settled.last_click_date as click_date,
        1 as is_settled

    from settled
    where
        {{ 'true' if restart else 'false' }}
        and settled.person_id in (
            select recent_engagement.person_id from recent_engagement
        )

),

settled_accounts as (

    -- Each account's last settled day per campaign (over all its people),
    -- for the accounts counted this run.
    select
        max(settled.last_view_date) as view_date,
        cast(null as {{ dbt.type_bigint() }}) as person_id,
        settled.account_id,
        settled.campaign_id,
        cast(null as {{ type_string() }}) as creative_id,
        0 as views,
        0 as clicks,
        max(settled.last_click_date) as click_date,
        1 as is_settled

    from settled
    where
        {{ 'true' if restart else 'false' }}
        and settled.account_id in (
            select recent_engagement.account_id from recent_engagement
        )
    group by 3, 4

),

timeline as (

    select
        both_kinds.*,
        campaigns.channel,
        coalesce(campaigns.audience, 'unknown') as audience,
        coalesce(campaigns.funnel_stage, 'unknown') as funnel_stage,
        coalesce(accounts.industry, 'unknown') as industry,
        coalesce(accounts.company_size_band, 'unknown') as company_size_band

    from (
        select * from recent_engagement
        union all
        select * from settled_people
        union all
        select * from settled_accounts
    ) as both_kinds
    inner join campaigns
        on both_kinds.campaign_id = campaigns.campaign_id
    left join accounts
        on both_kinds.account_id = accounts.account_id

),

counted as (

    {{ reach_days_of_every_slice('timeline') }}

),

final as (

    select
        view_date,
        entity_type,
        slice_type,
        slice_value,
        industry,
        company_size_band,
        cast(views as {{ type_count() }}) as views,
        cast(clicks as {{ type_count() }}) as clicks,
        cast(entities as {{ type_count() }}) as entities,
        cast(entities_new_in_week as {{ type_count() }})
            as entities_new_in_week,
        cast(entities_new_in_month as {{ type_count() }})
            as entities_new_in_month,
        cast(entities_new_ever as {{ type_count() }}) as entities_new_ever,
        cast(clicking_entities as {{ type_count() }}) as clicking_entities,
        cast(clicking_entities_new_in_week as {{ type_count() }})
            as clicking_entities_new_in_week,
        cast(clicking_entities_new_in_month as {{ type_count() }})
            as clicking_entities_new_in_month,
        cast(clicking_entities_new_ever as {{ type_count() }})
            as clicking_entities_new_ever

    from counted

)

select * from final
