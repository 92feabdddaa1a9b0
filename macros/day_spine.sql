{% macro day_spine(start_date, end_date) -%}
    {#- One row per day from start_date (inclusive) to end_date (exclusive),
        in column date_day, as one select statement. Portable SQL: the day
        offsets are a cross join of ten-row digit tables (as many as the day
        count needs), added to the start date with dbt.dateadd; no
        engine-specific series generator and no nested with. Dates are
        'YYYY-MM-DD' text. -#}
    {%- set start = modules.datetime.date.fromisoformat(start_date) -%}
    {%- set end = modules.datetime.date.fromisoformat(end_date) -%}
    {%- set day_count = (end - start).days -%}
    {%- if day_count < 1 -%}
        {{ exceptions.raise_compiler_error(
            "day_spine: end_date " ~ end_date ~ " must be after start_date "
            ~ start_date
        ) }}
    {%- endif -%}
    {%- set places = range((day_count - 1) | string | length) | list -%}
    {%- set digits -%}
        (
            {%- for digit in range(10) %}
            select {{ digit }} as digit
            {%- if not loop.last %} union all{% endif %}
            {%- endfor %}
        )
    {%- endset -%}
    {%- set day_offset -%}
        {%- for place in places -%}
            digits_{{ place }}.digit * {{ 10 ** place }}
            {%- if not loop.last %} + {% endif -%}
        {%- endfor -%}
    {%- endset -%}
    select
        cast(
            {{ dbt.dateadd(
                'day', day_offset, "cast('" ~ start_date ~ "' as date)"
            ) }} as date
        ) as date_day
    from {{ digits }} as digits_0
    {%- for place in places[1:] %}
    cross join {{ digits }} as digits_{{ place }}
    {%- endfor %}
    where {{ day_offset }} < {{ day_count }}
{%- endmacro %}
