{% test between_zero_and_one(model, column_name) %}
{#- A rate is a share: fails on every row where it is below 0 or above 1.
    Null (an undefined rate) passes. -#}
select *
from {{ model }}
where {{ column_name }} < 0 or {{ column_name }} > 1
{% endtest %}
