{#- Section 3 measures, one definition used by every mart. Each works on
    rows of the person-level engagement fact (one row per view date, person
    and creative, with its views and the qualifying clicks attributed to
    those views), so distinct counts are always computed from events and
    never summed. -#}

{% macro person_measures() -%}
    cast(sum(views) as {{ type_count() }}) as views,
    cast(sum(clicks) as {{ type_count() }}) as clicks,
    cast(count(distinct person_key) as {{ type_count() }}) as viewers,
    cast(
        count(distinct case when clicks > 0 then person_key end)
        as {{ type_count() }}
    ) as clickers
{%- endmacro %}


{% macro account_measures() -%}
    cast(count(distinct account_id) as {{ type_count() }}) as accounts_viewed,
    cast(
        count(distinct case when clicks > 0 then account_id end)
        as {{ type_count() }}
    ) as accounts_clicked
{%- endmacro %}


{% macro person_rates() -%}
    {{ safe_divide('clickers', 'viewers') }} as ctr,
    {{ wilson_bound('clickers', 'viewers', 'lower') }} as ctr_lower,
    {{ wilson_bound('clickers', 'viewers', 'upper') }} as ctr_upper,
    {{ safe_divide('clicks', 'views') }} as event_ctr
{%- endmacro %}


{% macro account_rates() -%}
    {{ safe_divide('accounts_clicked', 'accounts_viewed') }} as account_ctr,
    {{ wilson_bound('accounts_clicked', 'accounts_viewed', 'lower') }}
    as account_ctr_lower,
    {{ wilson_bound('accounts_clicked', 'accounts_viewed', 'upper') }}
    as account_ctr_upper
{%- endmacro %}
