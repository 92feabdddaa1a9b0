{#- Calculation rules that more than one model applies, each in one place. -#}

{% macro is_valid_email(email) -%}
    {#- Rule 1: an email is invalid when empty, without `@`, or with nothing
        before the first `@` or after the last one. -#}
    coalesce(
        {{ email }} like '%@%'
        and {{ email }} not like '@%'
        and {{ email }} not like '%@',
        false
    )
{%- endmacro %}


{% macro normalise_email(raw_email) -%}
    {#- Rule 2: trimmed and lower-cased. -#}
    lower({{ clean_text(raw_email) }})
{%- endmacro %}


{% macro email_domain(email) -%}
    {#- Rule 2: what follows the last `@`; `(.|\n)` since `.` alone stops
        at a newline, and an email may hold one. -#}
    {{ replace_pattern(email, '^(.|\\n)*@', '') }}
{%- endmacro %}


{% macro event_rejection_reason(
    event_id, event_at, email, known_campaign_id, known_creative_id
) -%}
    {#- Rule 1: the first reason that applies, in the contract's order. -#}
    case
        when {{ event_id }} is null then 'missing_id'
        when {{ event_at }} is null then 'invalid_timestamp'
        when not {{ is_valid_email(email) }} then 'invalid_email'
        when {{ known_campaign_id }} is null then 'unknown_campaign'
        when {{ known_creative_id }} is null then 'unknown_creative'
    end
{%- endmacro %}


{% macro is_invalid_traffic(user_agent) -%}
    {#- Rule 4: the user agent contains, case-insensitively, any of
        `invalid_traffic_user_agent_patterns`; an empty one is human. A
        pattern is matched literally (`_` and `%` are not wildcards). -#}
    coalesce(
        {%- for pattern in checked_var('invalid_traffic_user_agent_patterns') %}
        {{ dbt.position(sql_text(pattern | lower), 'lower(' ~ user_agent ~ ')') }} > 0
        {%- if not loop.last %} or{% endif %}
        {%- endfor %},
        false
    )
{%- endmacro %}


{% macro sql_text(value) -%}
    {#- `value` as a SQL string literal, quotes doubled. -#}
    '{{ value | replace("'", "''") }}'
{%- endmacro %}


{% macro website_domain(website) -%}
    {#- Rule 9: lower-cased and trimmed, without scheme, leading `www.`,
        port, path, query or trailing dot; empty becomes null. -#}
    nullif(
        {{ replace_pattern(
            replace_pattern(
                replace_pattern(
                    replace_pattern(
                        'lower(' ~ clean_text(website) ~ ')',
                        '^https?://', ''
                    ),
                    '^www[.]', ''
                ),
                '[:/?#](.|\\n)*$', ''
            ),
            '[.]$', ''
        ) }},
        ''
    )
{%- endmacro %}


{% macro whole_number(text) -%}
    {#- Section 1 and rule 10: a text of digits only as a 64-bit count,
        leading zeros ignored; null when it holds anything else (a sign, a
        point, a comma, a space) or does not fit 64 bits. Checked before it
        is cast, so no engine sees a bad cast. -#}
    {%- set digits -%}
        coalesce(nullif({{ replace_pattern(text, '^0+', '') }}, ''), '0')
    {%- endset -%}
    case
        when
            {{ matches_pattern(text, '^[0-9]+$') }}
            and (
                length({{ digits }}) < 19
                or (
                    length({{ digits }}) = 19
                    and {{ digits }} <= '9223372036854775807'
                )
            )
            then cast({{ digits }} as {{ type_count() }})
    end
{%- endmacro %}


{% macro company_size_band(employee_count) -%}
    {#- Rule 10: the size band of a whole employee count of at least 1. -#}
    case
        when {{ employee_count }} is null then 'unknown'
        when {{ employee_count }} <= 50 then '1-50'
        when {{ employee_count }} <= 200 then '51-200'
        when {{ employee_count }} <= 1000 then '201-1000'
        when {{ employee_count }} <= 5000 then '1001-5000'
        else '5001+'
    end
{%- endmacro %}


{% macro add_seconds(timestamp, seconds) -%}
    {#- The timestamp `seconds` later, exact to the microsecond. -#}
    {{ return(adapter.dispatch('add_seconds')(timestamp, seconds)) }}
{%- endmacro %}

{% macro default__add_seconds(timestamp, seconds) -%}
    {{ dbt.dateadd('second', seconds, timestamp) }}
{%- endmacro %}

{% macro spark__add_seconds(timestamp, seconds) -%}
    {#- dbt-spark's dateadd goes through unix seconds (dropping the
        fraction) and fails on a null timestamp: count in microseconds, in
        64 bits (an int number of seconds times 10^6 would overflow). -#}
    timestamp_micros(
        unix_micros({{ timestamp }})
        + cast(round(cast({{ seconds }} as double) * 1000000) as bigint)
    )
{%- endmacro %}


{% macro is_free_email_domain(domain) -%}
    {#- Rule 8: the domain is one of free_email_domains, which never map a
        person to an account by domain. -#}
    {%- set domains = checked_var('free_email_domains') -%}
    {%- if domains | length == 0 -%}
        false
    {%- else -%}
        coalesce({{ domain }} in (
            {%- for free_domain in domains %}
            {{ sql_text(free_domain | lower | trim) }}
            {%- if not loop.last %},{% endif %}
            {%- endfor %}
        ), false)
    {%- endif -%}
{%- endmacro %}
