{% macro spark__load_csv_rows(model, agate_table) %}
    {#- Loading seeds on Spark. dbt-spark's session method fills the seed
        insert's placeholders by quoting each value as '<value>': a null
        becomes the text 'None' and a value with a quote (`what's new`)
        breaks the statement. This writes each value as an escaped literal
        instead (null as null), which every Spark connection method reads
        the same way. -#}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                (
                {%- for col_name in agate_table.column_names -%}
                    {%- set value = row[loop.index0] -%}
                    {%- set inferred_type = adapter.convert_type(
                        agate_table, loop.index0
                    ) -%}
                    cast(
                    {%- if value is none -%}
                        null
                    {%- else -%}
                        '{{ value | string | replace("\\", "\\\\")
                            | replace("'", "\\'") }}'
                    {%- endif %} as {{
                        column_override.get(col_name, inferred_type)
                    }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%}
                )
                {%- if not loop.last %},{% endif %}
            {% endfor -%}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{% endmacro %}
