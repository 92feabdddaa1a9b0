{% macro raw_input(name) -%}
    {#- Where staging reads the raw input `name` (one of the contract's six
        seeds). Staging models call this and nothing else selects raw data.
        A missing seed CSV stops dbt while it parses, before this macro can
        tell (dbt: "depends on a node named 'raw_views' which was not
        found"); make runs ctr_tools/check_inputs.py first, which names the
        file and what to do. -#}
    {%- set known = [
        'raw_views', 'raw_clicks', 'raw_contacts',
        'raw_accounts', 'raw_campaigns', 'raw_creatives'
    ] -%}
    {%- if name not in known -%}
        {{ exceptions.raise_compiler_error(
            "raw_input: unknown raw input '" ~ name ~ "'; expected one of "
            ~ known | join(', ')
        ) }}
    {%- endif -%}
    {{ return(ref(name)) }}
{%- endmacro %}
