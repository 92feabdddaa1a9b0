{% test at_most(model, column_name, other_column) %}
{#- Fails on every row where column_name exceeds other_column. -#}
select *
from {{ model }}
where {{ column_name }} > {{ other_column }}
{% endtest %}
