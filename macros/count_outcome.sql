{% macro count_outcome(event_type, outcomes) -%}
    {#- tracking_health: the rows of `event_type` whose outcome is one of
        `outcomes`, as a 64-bit count (0 when there are none). -#}
    cast(coalesce(sum(
        case
            when
                event_type = '{{ event_type }}'
                and outcome in ('{{ outcomes | join("', '") }}')
                then row_delta
        end
    ), 0) as {{ type_count() }})
{%- endmacro %}
