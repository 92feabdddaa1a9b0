{#- Section 3 rates, one definition used by every mart. The counts they
    divide come from int_reach_days_counted (macros/reach.sql), so distinct
    counts are always computed from events and never summed. -#}

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
