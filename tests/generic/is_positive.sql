{% test is_positive(model, column_name) %}
{#- A row exists only where its denominator is positive: fails on every
    row where the column is not above 0. -#}
select *
from {{ model }}
where not {{ column_name }} > 0
{% endtest %}
