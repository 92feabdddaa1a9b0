{#- Grants. The public marts grant select to the reporting role (var
    reporting_role, default `reporter`; see dbt_project.yml); nothing else
    is granted. Engines without access control skip grants quietly. -#}

{% macro grant_schema_usage(results) -%}
    {#- on-run-end: a grantee of a model's select grant also needs usage on
        the model's schema to read it. Granted once per schema after the
        run (two threads granting usage on one schema at the same time can
        collide: "tuple concurrently updated"), and only on schemas of
        models built with a select grant: the marts schema; staging,
        intermediate and raw stay unreachable. -#}
    {{ return(adapter.dispatch('grant_schema_usage')(results)) }}
{%- endmacro %}

{% macro default__grant_schema_usage(results) -%}
    {%- set usage = {} -%}
    {%- for result in results
        if result.node.resource_type == 'model'
        and result.status == 'success' -%}
        {%- set grantees = (result.node.config.grants or {}).get('select', []) -%}
        {%- if grantees is string -%}{%- set grantees = [grantees] -%}{%- endif -%}
        {%- set schema = adapter.quote(result.node.schema) -%}
        {%- for grantee in grantees
            if grantee not in usage.get(schema, []) -%}
            {%- do usage.update({schema: usage.get(schema, []) + [grantee]}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for schema, grantees in usage.items() -%}
        grant usage on schema {{ schema }} to {{ grantees | join(', ') }};
    {% endfor -%}
{%- endmacro %}

{% macro duckdb__grant_schema_usage(results) -%}
    {#- DuckDB has no access control. -#}
{%- endmacro %}

{% macro spark__grant_schema_usage(results) -%}
    {#- Open-source Spark has no access control; on Databricks, usage on
        the schema is an administrator's grant. -#}
{%- endmacro %}


{% macro duckdb__apply_grants(relation, grant_config, should_revoke=True) -%}
    {#- DuckDB has no access control: the grants config is a no-op (dbt-duckdb
        warns on every build; the README says why there are grants). -#}
    {%- if grant_config -%}
        {%- do log('grants not applied on DuckDB: ' ~ relation, info=False) -%}
    {%- endif -%}
{%- endmacro %}

{% macro spark__apply_grants(relation, grant_config, should_revoke=True) -%}
    {#- Open-source Spark (a local session, a Thrift server) has no GRANT
        statement: skip. Databricks, reached through a cluster or a SQL
        endpoint, grants as dbt does. (dbt's target context does not carry
        the Spark connection method, but it does carry these two.) -#}
    {%- if target.cluster or target.endpoint -%}
        {{ return(dbt.default__apply_grants(
            relation, grant_config, should_revoke
        )) }}
    {%- elif grant_config -%}
        {%- do log(
            'grants not applied on open-source Spark: ' ~ relation,
            info=False
        ) -%}
    {%- endif -%}
{%- endmacro %}
