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
    {%- set z = checked_var('wilson_z') -%}
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


{% macro two_proportion_z(successes_1, trials_1, successes_2, trials_2) -%}
    {#- The pooled two-proportion z-score of successes_1 / trials_1 against
        successes_2 / trials_2:
        z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)),
        p = (c1 + c2) / (n1 + n2); null when n1 or n2 is 0 (or null) or
        p is 0 or 1. Portable SQL: no engine statistics functions. -#}
    {%- set pooled -%}
        (cast({{ successes_1 }} + {{ successes_2 }} as {{ type_double() }})
        / ({{ trials_1 }} + {{ trials_2 }}))
    {%- endset -%}
    case
        when
            {{ trials_1 }} > 0
            and {{ trials_2 }} > 0
            and {{ successes_1 }} + {{ successes_2 }} > 0
            and {{ successes_1 }} + {{ successes_2 }}
            < {{ trials_1 }} + {{ trials_2 }}
            then
                (
                    {{ safe_divide(successes_1, trials_1) }}
                    - {{ safe_divide(successes_2, trials_2) }}
                )
                / sqrt(
                    {{ pooled }} * (1 - {{ pooled }})
                    * (1.0 / {{ trials_1 }} + 1.0 / {{ trials_2 }})
                )
    end
{%- endmacro %}


{% macro is_significant(z_score) -%}
    {#- |z| at or above var significance_z (1.96); null when z is null. -#}
    case
        when {{ z_score }} is not null
            then abs({{ z_score }}) >= {{ checked_var('significance_z') }}
    end
{%- endmacro %}
