{#- Hints to an engine's planner, where a model's speed depends on them. -#}

{% macro inlined_on_full_build() -%}
    {#- Written after `as` in a CTE that several branches of an incremental
        model read. On a full build the engine inlines it instead of
        storing its rows once and reading them back (see the dispatch
        implementations): for a pass over every event, reading the table
        again is cheaper than storing a copy of it. On an incremental run
        the CTE holds a few days of events and is stored (no hint). -#}
    {%- if is_incremental() -%}
        {{ return('') }}
    {%- endif -%}
    {{ return(adapter.dispatch('inlined_cte')()) }}
{%- endmacro %}

{% macro default__inlined_cte() -%}
    {#- The engines this project runs on that store a CTE read more than
        once take `not materialized` to inline it. -#}
    {{ return('not materialized') }}
{%- endmacro %}

{% macro spark__inlined_cte() -%}
    {#- Spark has no such hint; it inlines every CTE. -#}
    {{ return('') }}
{%- endmacro %}
