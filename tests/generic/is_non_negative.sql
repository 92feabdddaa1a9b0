{% test is_non_negative(model, column_name) %}
{#- A count is never below 0: fails on every row where it is. -#}
select *
from {{ model }}
where {{ column_name }} < 0
{% endtest %}
