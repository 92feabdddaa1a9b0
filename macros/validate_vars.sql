{#- A broken configuration is an error naming what to fix, never a silent
    wrong number. Every var the project reads is listed here with what it
    must be. validate_vars() checks them all and fails with one error that
    lists every problem; it runs as the on-run-start hook, and dbt renders
    hooks while parsing, so a bad var stops every command before any SQL
    runs. Models, macros and tests read vars through checked_var(), which
    validates first, so the same error comes even where a var is used
    before the hook is parsed. -#}

{% macro var_requirements() -%}
    {#- var name: (kind, where it is used). -#}
    {{ return({
        'invalid_traffic_user_agent_patterns': ('pattern_list', 'rule 4'),
        'double_click_seconds': ('non_negative', 'rule 5'),
        'attribution_window_days': ('non_negative', 'rule 6'),
        'min_seconds_view_to_click': ('non_negative', 'rule 7'),
        'free_email_domains': ('string_list', 'rule 8'),
        'wilson_z': ('positive', 'section 3, Wilson interval'),
        'significance_z': ('positive', 'section 5, significance'),
        'tracking_min_daily_volume': ('non_negative', 'tracking warnings'),
        'tracking_max_orphan_click_share': ('share', 'tracking warnings'),
        'tracking_max_machine_click_share': ('share', 'tracking warnings'),
        'tracking_max_invalid_traffic_share': ('share', 'tracking warnings'),
        'tracking_max_unmapped_view_share': ('share', 'tracking warnings'),
        'tracking_outage_view_ratio': ('share', 'tracking warnings'),
        'tracking_outage_baseline_days': (
            'positive_integer', 'tracking warnings'
        ),
    }) }}
{%- endmacro %}


{% macro var_requirement_text(kind) -%}
    {{ return({
        'non_negative': 'a number of at least 0',
        'positive': 'a number above 0',
        'share': 'a number from 0 to 1',
        'positive_integer': 'a whole number of at least 1',
        'pattern_list': 'a non-empty list of non-empty strings, e.g. [bot, crawl]',
        'string_list': 'a list of non-empty strings (may be empty), e.g. [gmail.com]',
    }[kind]) }}
{%- endmacro %}


{% macro var_value_is_valid(kind, value) -%}
    {#- Numbers are finite and never booleans (YAML `true` is not 1). -#}
    {%- set is_number = (
        value is number and value is not boolean and (value - value) == 0
    ) -%}
    {%- if kind == 'non_negative' -%}
        {{ return(is_number and value >= 0) }}
    {%- elif kind == 'positive' -%}
        {{ return(is_number and value > 0) }}
    {%- elif kind == 'share' -%}
        {{ return(is_number and value >= 0 and value <= 1) }}
    {%- elif kind == 'positive_integer' -%}
        {{ return(is_number and value is integer and value >= 1) }}
    {%- endif -%}
    {%- set is_list = (
        value is iterable and value is not string and value is not mapping
    ) -%}
    {%- if not is_list -%}
        {{ return(false) }}
    {%- endif -%}
    {%- for item in value -%}
        {%- if item is not string or item | trim == '' -%}
            {{ return(false) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(kind == 'string_list' or value | length > 0) }}
{%- endmacro %}


{% macro var_problems() -%}
    {#- One line per var that is missing or not what it must be. -#}
    {%- set problems = [] -%}
    {%- for name, requirement in var_requirements().items() -%}
        {%- set kind, used_by = requirement -%}
        {%- set value = var(name, none) -%}
        {%- if value is none -%}
            {%- do problems.append(
                name ~ ' is not set (' ~ used_by ~ '): it must be '
                ~ var_requirement_text(kind)
            ) -%}
        {%- elif not var_value_is_valid(kind, value) -%}
            {%- do problems.append(
                name ~ ' must be ' ~ var_requirement_text(kind) ~ ' ('
                ~ used_by ~ '), got: ' ~ tojson(value)
            ) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(problems) }}
{%- endmacro %}


{% macro validate_vars() -%}
    {%- set problems = var_problems() -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            "Invalid var(s); fix them in dbt_project.yml (vars:) or in "
            ~ "--vars:\n  - " ~ problems | join("\n  - ")
        ) }}
    {%- endif -%}
{%- endmacro %}


{% macro checked_var(name) -%}
    {#- The var `name`, after every var passed validate_vars(). -#}
    {%- if name not in var_requirements() -%}
        {{ exceptions.raise_compiler_error(
            "checked_var: '" ~ name ~ "' is not listed in var_requirements() "
            ~ "(macros/validate_vars.sql); add it there with its kind"
        ) }}
    {%- endif -%}
    {%- do validate_vars() -%}
    {{ return(var(name)) }}
{%- endmacro %}
