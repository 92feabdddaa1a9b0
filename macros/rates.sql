{% macro safe_divide(numerator, denominator) -%}
    {#- A rate as double precision; null when the denominator is 0 or null,
        never a division by zero. -#}
    case
        when {{ denominator }} > 0
            then cast({{ numerator }} as {{ type_double() }}) / {{ denominator }}
    end
{%- endmacro %}


{% macro wilson_bound(successes, trials, side) -%}
    {#- One bound of the 95 % Wilson score interval (z = var wilson_z) of
        successes out of trials: null when trials is 0; the lower bound is
        exactly 0 when successes is 0 and the upper exactly 1 when
        successes equals trials. -#}
    {%- if side not in ('lower', 'upper') -%}
        {{ exceptions.raise_compiler_error(
            "wilson_bound side must be 'lower' or 'upper', got: " ~ side
        ) }}
    {%- endif -%}
    {%- set z = var('wilson_z') | float -%}
    {%- set z_squared = z * z -%}
    {%- set p = safe_divide(successes, trials) -%}
    {%- set sign = '-' if side == 'lower' else '+' -%}
    case
        when not {{ trials }} > 0 then null
        {% if side == 'lower' -%}
        when {{ successes }} = 0 then 0.0
        {%- else -%}
        when {{ successes }} = {{ trials }} then 1.0
        {%- endif %}
        else
            (
                {{ p }} + {{ z_squared }} / (2.0 * {{ trials }})
                {{ sign }} {{ z }} * sqrt(
                    {{ p }} * (1 - {{ p }}) / {{ trials }}
                    + {{ z_squared }} / (4.0 * {{ trials }} * {{ trials }})
                )
            ) / (1 + {{ z_squared }} / {{ trials }})
    end
{%- endmacro %}
