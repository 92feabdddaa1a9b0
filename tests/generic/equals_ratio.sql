{% test equals_ratio(model, column_name, numerator, denominator) %}
{#- The rate is its recomputed ratio numerator / denominator (within
    1e-12), and null exactly when the denominator is 0. -#}
select *
from {{ model }}
where
    ({{ denominator }} = 0 and {{ column_name }} is not null)
    or ({{ denominator }} != 0 and {{ column_name }} is null)
    or abs(
        {{ column_name }}
        - cast({{ numerator }} as {{ type_double() }}) / {{ denominator }}
    ) > 1e-12
{% endtest %}
