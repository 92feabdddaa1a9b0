{% test equals_sum_of(model, column_name, columns) %}
{#- Reconciliation: fails on every row where the column is not the sum of
    `columns` (every row counted once, at exactly one stage). -#}
select *
from {{ model }}
where
    {{ column_name }}
    != {% for column in columns %}{{ column }}{% if not loop.last %} + {% endif %}{% endfor %}
{% endtest %}
