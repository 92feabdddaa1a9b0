{% test unique_combination(model, columns) %}
{#- The columns together are the model's grain: fails on every combination
    that appears more than once. -#}
select
    {{ columns | join(', ') }},
    count(*) as row_count
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
