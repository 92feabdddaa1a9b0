{% macro period_grains() -%}
    {{ return(['day', 'week', 'month', 'all_time']) }}
{%- endmacro %}


{% macro period_start(grain, date_column) -%}
    {#- The first day of `date_column`'s period at `grain`: UTC days, weeks
        starting on Monday, calendar months. all_time has no fixed start (it
        is the first day with a counted view in the row's slice) and gives
        null here. -#}
    {%- if grain == 'day' -%}
        {{ date_column }}
    {%- elif grain in ('week', 'month') -%}
        cast({{ dbt.date_trunc(grain, date_column) }} as date)
    {%- elif grain == 'all_time' -%}
        cast(null as date)
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "period_start: unknown grain '" ~ grain ~ "'; expected one of "
            ~ period_grains() | join(', ')
        ) }}
    {%- endif -%}
{%- endmacro %}


{% macro stack_segments(relation, segment_columns, type_column, value_column) -%}
    {#- Every row of `relation` once in the `all` segment (value `all`) and
        once per column of `segment_columns`, with the column's name in
        `type_column` and its value in `value_column`. -#}
    select
        {{ relation }}.*,
        'all' as {{ type_column }},
        'all' as {{ value_column }}
    from {{ relation }}
    {%- for column in segment_columns %}
    union all
    select
        {{ relation }}.*,
        '{{ column }}' as {{ type_column }},
        {{ column }} as {{ value_column }}
    from {{ relation }}
    {%- endfor %}
{%- endmacro %}


{% macro previous_period_start(grain_column, period_start) -%}
    {#- The first day of the period just before, at the row's grain: the day
        before, the week before (7 days) or the month before; null at
        all_time, which has no previous period. -#}
    case
        when {{ grain_column }} = 'day'
            then cast({{ dbt.dateadd('day', -1, period_start) }} as date)
        when {{ grain_column }} = 'week'
            then cast({{ dbt.dateadd('day', -7, period_start) }} as date)
        when {{ grain_column }} = 'month'
            then cast({{ dbt.dateadd('month', -1, period_start) }} as date)
    end
{%- endmacro %}
