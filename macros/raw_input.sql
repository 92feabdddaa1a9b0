{% macro raw_input(name) -%}
    {#- Where staging reads the raw input `name` (one of the contract's six
        seeds). Staging models call this and nothing else selects raw data. -#}
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
