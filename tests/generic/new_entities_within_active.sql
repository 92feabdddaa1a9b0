{% test new_entities_within_active(model, active, new_columns) %}
{#- Fails on every row where the entities new in a longer period outnumber
    those new in a shorter one, or the active ones: new ever <= new in the
    month <= active, and new in the week <= active (a week can start in the
    month before). `new_columns` lists week, month, ever. -#}
select *
from {{ model }}
where
    {{ new_columns[0] }} > {{ active }}
    or {{ new_columns[1] }} > {{ active }}
    or {{ new_columns[2] }} > {{ new_columns[1] }}
    or {{ new_columns[2] }} > {{ new_columns[0] }}
    or {{ new_columns[0] }} < 0
    or {{ new_columns[2] }} < 0
{% endtest %}
