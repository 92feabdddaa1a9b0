{#- Type names in one place: the contract's types on every engine. -#}

{% macro type_string() -%}
    {{ return(adapter.dispatch('type_string')()) }}
{%- endmacro %}

{% macro default__type_string() -%}
    varchar
{%- endmacro %}

{% macro spark__type_string() -%}
    string
{%- endmacro %}


{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}


{% macro type_count() -%}
    {{ return(adapter.dispatch('type_count')()) }}
{%- endmacro %}

{% macro default__type_count() -%}
    bigint
{%- endmacro %}
