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
    {{ return(inlined()) }}
{%- endmacro %}

{% macro inlined() -%}
    {#- Written after `as` in a CTE that several parts of a model read, each
        taking a different share of its rows and columns: the engine
        inlines it in each, instead of storing all of its rows once. -#}
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


{% macro joins_as_written() -%}
    {#- A pre-hook: the planner builds each hash join on the side the SQL
        names second, instead of the side it estimates smaller. Where a
        model's joins chain text keys through windows and unions, those
        estimates can be off by a thousand times, and the planner then
        builds a hash table on the large side (int_reach_days_counted: the
        82M stored pairs instead of the 4M recent people). A model using it
        names the small side second in every join and resets the planner
        with planner_defaults() as a post-hook. It changes how a join runs,
        never what it returns. -#}
    {{ return(adapter.dispatch('joins_as_written')()) }}
{%- endmacro %}

{% macro default__joins_as_written() -%}
    {#- Other engines: no hint (an empty hook is skipped). -#}
    {{ return('') }}
{%- endmacro %}

{% macro duckdb__joins_as_written() -%}
    {#- DuckDB's build_side_probe_side optimizer swaps the sides; it is
        switched off. The setting is global to the database: models that
        run at the same time plan their joins the same way. -#}
    {{ return("set disabled_optimizers = 'build_side_probe_side'") }}
{%- endmacro %}


{% macro planner_defaults() -%}
    {#- The post-hook that undoes joins_as_written(). -#}
    {{ return(adapter.dispatch('planner_defaults')()) }}
{%- endmacro %}

{% macro default__planner_defaults() -%}
    {{ return('') }}
{%- endmacro %}

{% macro duckdb__planner_defaults() -%}
    {{ return('reset disabled_optimizers') }}
{%- endmacro %}
