{% macro raw_input(name) -%}
    {#- Where staging reads the raw input `name` (one of the contract's six).
        Staging models call this and nothing else selects raw data. The var
        `raw_source` chooses: `seeds` (default, the CSV seeds), `parquet`
        (files under `raw_parquet_path`, via the `raw_parquet` source) or
        `warehouse` (tables of the `raw` source, in `raw_database` and
        `raw_schema`). No model changes between them. A missing seed CSV
        stops dbt while it parses, before this macro can tell (dbt: "depends
        on a node named 'raw_views' which was not found"); make runs
        ctr_tools/check_inputs.py first, which names the file and what to
        do. -#}
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
    {%- set mode = var('raw_source', 'seeds') -%}
    {%- if mode == 'seeds' -%}
        {{ return(ref(name)) }}
    {%- elif mode == 'parquet' -%}
        {{ return(source('raw_parquet', name)) }}
    {%- elif mode == 'warehouse' -%}
        {{ return(source('raw', name)) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var raw_source must be one of seeds, parquet, warehouse; got '"
            ~ mode ~ "'. Set it with --vars '{raw_source: parquet}'."
        ) }}
    {%- endif -%}
{%- endmacro %}
