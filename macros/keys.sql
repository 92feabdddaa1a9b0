{% macro person_key(email) -%}
    {#- A person's pseudonymous key: the hex SHA-256 of a salt and the
        normalised email. The salt comes from the environment variable
        CTR_PERSON_KEY_SALT (a fixed local default for development), so the
        public marts never carry a raw email. -#}
    {{ return(adapter.dispatch('person_key')(email)) }}
{%- endmacro %}

{% macro person_key_salt() -%}
    {{ return(env_var('CTR_PERSON_KEY_SALT', 'ctr-local-development-salt')) }}
{%- endmacro %}

{% macro default__person_key(email) -%}
    encode(sha256(convert_to('{{ person_key_salt() }}' || {{ email }}, 'UTF8')), 'hex')
{%- endmacro %}

{% macro duckdb__person_key(email) -%}
    sha256('{{ person_key_salt() }}' || {{ email }})
{%- endmacro %}

{% macro spark__person_key(email) -%}
    sha2(concat('{{ person_key_salt() }}', {{ email }}), 256)
{%- endmacro %}


{% macro row_fingerprint(columns) -%}
    {#- An MD5 of a raw row's values, each length-prefixed so that no two
        different rows share the text that is hashed; null is `-`. Used to
        name a raw row, never to join or count distinct people. -#}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append(
            "coalesce(cast(length(" ~ column ~ ") as " ~ type_string()
            ~ ") || ':' || " ~ column ~ ", '-')"
        ) -%}
        {%- if not loop.last %}{% do parts.append("'|'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}
