{% test equals_ratio(model, column_name, numerator, denominator) %}
{#- The rate is its recomputed ratio numerator / denominator (within
    1e-12), and null exactly when the denominator is 0. The ratio is
    recomputed with safe_divide: engines that evaluate every branch of the
    `or` must never divide by zero. -#}
select *
from {{ model }}
where
    ({{ denominator }} = 0 and {{ column_name }} is not null)
    or ({{ denominator }} != 0 and {{ column_name }} is null)
    or abs(
        {{ column_name }} - {{ safe_divide(numerator, denominator) }}
    ) > 1e-12
{% endtest %}
