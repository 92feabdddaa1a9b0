{#- The settled state of account reach: for each canonical account and
    campaign, the last day any of the account's people viewed the campaign
    and the last day with a click, over the engagement days no later run
    rewrites (before settled_before, the same boundary as
    int_engagement_pairs_settled). Kept apart from the person pairs so that
    each day counts for the account it was counted for: a person re-resolved
    to another account keeps their earlier days on the earlier account, as
    the engagement fact does. -#}
{{ config(
    materialized=incremental_materialization(),
    unique_key=['account_id', 'campaign_id'],
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}

{%- set boundaries = settled_boundaries() %}
{%- set settled_from = boundaries[0] %}
{%- set settled_before = boundaries[1] or '0001-01-01' %}

with

engagement as (

    select * from {{ ref('fct_person_engagement') }}

),

newly_settled as (

    select
        account_id,
        campaign_id,
        max(view_date) as last_view_date,
        max(case when has_clicked then view_date end) as last_click_date

    from engagement
    where
        account_id is not null
        and view_date < cast('{{ settled_before }}' as date)
        and {{ is_on_or_after('view_date', settled_from) }}
    group by 1, 2

),

merged as (

    {{ settled_days_merged('newly_settled', ['account_id', 'campaign_id']) }}

),

final as (

    select
        cast(account_id as {{ type_string() }}) as account_id,
        cast(campaign_id as {{ type_string() }}) as campaign_id,
        last_view_date,
        last_click_date,
        cast('{{ settled_before }}' as date) as settled_before

    from merged

)

select * from final
