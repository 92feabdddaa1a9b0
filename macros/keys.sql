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


{% macro person_id(person_key) -%}
    {#- A compact 64-bit integer for a person inside the build: the first 15
        hex digits (60 bits) of the person key. Windows and distinct counts
        over millions of people sort integers, not 64-character text; the
        public key stays person_key. A collision would merge two people:
        int_people_resolved tests that person_id is unique. -#}
    {{ return(adapter.dispatch('person_id')(person_key)) }}
{%- endmacro %}

{% macro default__person_id(person_key) -%}
    cast(cast('x' || substr({{ person_key }}, 1, 15) as bit(60)) as bigint)
{%- endmacro %}

{% macro duckdb__person_id(person_key) -%}
    cast('0x' || substr({{ person_key }}, 1, 15) as bigint)
{%- endmacro %}

{% macro spark__person_id(person_key) -%}
    cast(conv(substr({{ person_key }}, 1, 15), 16, 10) as bigint)
{%- endmacro %}
