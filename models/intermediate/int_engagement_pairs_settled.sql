{#- The settled state of reach: for each person and creative, the last day
    the person viewed it and the last day with a click, over the engagement
    days no later run rewrites (before settled_before). An incremental run
    folds in the days that have settled since the last run, so the next
    count of recent days knows each person's previous active day in every
    slice without rescanning history (see macros/reach.sql). Accounts have
    their own state, int_account_campaigns_settled. -#}
{{ config(
    materialized=incremental_materialization(),
    unique_key=['person_id', 'creative_id'],
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
        person_id,
        creative_id,
        max(view_date) as last_view_date,
        max(case when has_clicked then view_date end) as last_click_date

    from engagement
    where
        view_date < cast('{{ settled_before }}' as date)
        and {{ is_on_or_after('view_date', settled_from) }}
    group by 1, 2

),

merged as (

    {{ settled_days_merged('newly_settled', ['person_id', 'creative_id']) }}

),

final as (

    select
        person_id,
        cast(creative_id as {{ type_string() }}) as creative_id,
        last_view_date,
        last_click_date,
        cast('{{ settled_before }}' as date) as settled_before

    from merged

)

select * from final
