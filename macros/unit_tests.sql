{% macro spark__get_unit_test_sql(
    main_sql, expected_fixture_sql, expected_column_names
) %}
    {#- Unit tests on Spark. dbt fetches a unit test's actual and expected
        rows into Python to compare them, and pyspark turns a timestamp
        into a Python datetime with CPython's local-time fromtimestamp,
        which fails on any instant of 0001-01-01 ("year 0 is out of range":
        it looks at the day before). Rule 2's year-1 timestamps are valid
        (contract section 1), so this compares each tested column as the
        text Spark writes for it instead: both sides have the model's types,
        and equal text is equal values (timestamps to the microsecond,
        doubles to the last digit). -#}
    {%- set as_text = [] -%}
    {%- for column_name in expected_column_names -%}
        {%- do as_text.append(
            'cast(' ~ column_name ~ ' as string) as ' ~ column_name
        ) -%}
    {%- endfor -%}
    {{ return(dbt.default__get_unit_test_sql(
        main_sql, expected_fixture_sql, as_text
    )) }}
{% endmacro %}
