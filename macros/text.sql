{#- Text helpers: trimming, pattern matching, replacement. -#}

{% macro raw_value(expression) -%}
    {#- A raw value as the contract says dbt loads it: blank (empty or only
        spaces and tabs) is null, anything else exactly as it arrived. The
        same on every engine, whatever its seed loader keeps. -#}
    case when {{ clean_text(expression) }} is null then null else {{ expression }} end
{%- endmacro %}

{% macro clean_text(expression) -%}
    {#- Trimmed of surrounding spaces and tabs; empty becomes null. -#}
    {{ return(adapter.dispatch('clean_text')(expression)) }}
{%- endmacro %}

{% macro default__clean_text(expression) -%}
    nullif(trim(both ' ' || chr(9) from {{ expression }}), '')
{%- endmacro %}

{% macro duckdb__clean_text(expression) -%}
    {#- trim() with a character set is slow on DuckDB: only values that
        start or end with a space or tab are trimmed. The test is four
        prefix and suffix matches (left() and right() count characters,
        which is twice as slow on 10M values). -#}
    nullif(
        case
            when
                {{ expression }} like ' %'
                or {{ expression }} like '% '
                or {{ expression }} like chr(9) || '%'
                or {{ expression }} like '%' || chr(9)
                then trim({{ expression }}, ' ' || chr(9))
            else {{ expression }}
        end,
        ''
    )
{%- endmacro %}

{% macro spark__clean_text(expression) -%}
    nullif(trim(both concat(' ', char(9)) from {{ expression }}), '')
{%- endmacro %}


{% macro matches_pattern(expression, pattern) -%}
    {#- True when the regular expression `pattern` matches (search). -#}
    {{ return(adapter.dispatch('matches_pattern')(expression, pattern)) }}
{%- endmacro %}

{% macro default__matches_pattern(expression, pattern) -%}
    ({{ expression }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__matches_pattern(expression, pattern) -%}
    regexp_matches({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__matches_pattern(expression, pattern) -%}
    ({{ expression }} rlike '{{ pattern }}')
{%- endmacro %}


{% macro replace_pattern(expression, pattern, replacement) -%}
    {#- Replaces the first match of an anchored `pattern`. -#}
    {{ return(adapter.dispatch('replace_pattern')(
        expression, pattern, replacement
    )) }}
{%- endmacro %}

{% macro default__replace_pattern(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}')
{%- endmacro %}


{% macro is_true_text(expression) -%}
    {#- `true`, `yes` or `1` in any case are true; anything else false. -#}
    coalesce(lower({{ clean_text(expression) }}) in ('true', 'yes', '1'), false)
{%- endmacro %}
